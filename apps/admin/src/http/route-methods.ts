/** A route of the HTTP app: its path pattern (`:name` segments match any value) and methods. */
export interface RouteEntry {
  path: string;
  methods: readonly string[];
}

const segments = (path: string) => path.toLowerCase().replace(/\/+$/, '').split('/');

function matches(pattern: string, path: string): boolean {
  const p = segments(pattern);
  const s = segments(path);
  return p.length === s.length && p.every((part, i) => part === s[i] || (part.startsWith(':') && s[i] !== ''));
}

/**
 * The methods a path is served with (HEAD wherever GET is), sorted; empty when no route has
 * the path. Paths compare case-insensitively and without a trailing slash, as Express routes.
 */
export function allowedMethods(routes: readonly RouteEntry[], path: string): string[] {
  const methods = new Set<string>();
  for (const r of routes) {
    if (!matches(r.path, path)) continue;
    for (const m of r.methods) methods.add(m.toUpperCase());
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

interface ExpressLayer {
  route?: { path: unknown; methods: Record<string, boolean | undefined> };
}

/** The route table of an Express app (Express 5 `router`, Express 4 `_router`); routes matching every method are left out. */
export function expressRoutes(app: { router?: { stack?: ExpressLayer[] }; _router?: { stack?: ExpressLayer[] } }): RouteEntry[] {
  const stack = app.router?.stack ?? app._router?.stack ?? [];
  return stack.flatMap((layer) => {
    const route = layer.route;
    if (!route || typeof route.path !== 'string' || route.methods._all) return [];
    return [{ path: route.path, methods: Object.keys(route.methods).filter((m) => route.methods[m]) }];
  });
}
