# syntax=docker/dockerfile:1
# One image for the admin app, the migrate tool and every step service
# (docker-compose.yml picks the command). Build: docker build -t lp-enrichment:local .
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: all dependencies, compile TypeScript with swc into dist/ --------------------
# (`npm ci` also installs the `node` devDependency, which npm scripts use; the runtime
# stage below runs the base image's Node 22 directly.)
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY .swcrc tsconfig.json ./
COPY apps ./apps
COPY libs ./libs
COPY tools ./tools
RUN npm run build

# ---- prod-deps: production dependencies only ---------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- runtime ------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# migrations/ beside package.json: the migrate tool finds it by walking up from dist/.
COPY package.json ./
COPY migrations ./migrations
USER node
# 3000: admin API and dashboard; 9464: a step service's /metrics and /health.
EXPOSE 3000 9464
# The admin app by default; step services run
#   node dist/apps/enricher/src/main.js --step <name>
CMD ["node", "dist/apps/admin/src/main.js"]
