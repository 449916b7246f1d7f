import { z } from 'zod';

/**
 * The one place environment variables are read. Every app and command takes its
 * settings from `loadConfig()` (the apps once, at start, then injected as APP_CONFIG by
 * @lib/platform), so the README's configuration table is this file's SCHEMA. Nothing
 * else reads or writes `process.env`, apart from CLIs handing an environment to a child.
 */

export type LogFormat = 'json' | 'text';
export type SaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

/** Which tokens anchor USD prices (addresses lowercase). */
export interface PricingConfig {
  /** Worth exactly 1 USD each. */
  usdStablecoins: readonly string[];
  /** Tokens without a stablecoin pool are priced through this token (WFLR on Flare). */
  wrappedNative: string;
}

export interface KafkaSettings {
  /** KAFKA_SSL: TLS to the brokers (managed clusters). */
  ssl: boolean;
  /** KAFKA_SASL_*: undefined without KAFKA_SASL_MECHANISM. */
  sasl: { mechanism: SaslMechanism; username: string; password: string } | undefined;
  /** KAFKA_PARTITIONS: partitions of the topics the project creates (the ceiling of instances per step). */
  partitions: number;
  /** KAFKA_REPLICATION_FACTOR: replication factor of the topics the project creates. */
  replicationFactor: number;
}

export interface ReplaySettings {
  /** REPLAY_PAGE_SIZE: source rows per page (one keyset query, one cursor write). */
  pageSize: number;
  /** REPLAY_MAX_ROWS_PER_SEC: caps the replay's rate; 0 = as fast as possible. */
  maxRowsPerSec: number;
  /** REPLAY_RETRY_FOR_MS: how long a replay without progress retries before its run is failed. */
  retryForMs: number;
  /** REPLAY_STALL_MS: the longest one page's read, send or cursor write may take. */
  stallMs: number;
}

export interface AppConfig {
  databaseUrl: string;
  kafkaBrokers: string[];
  kafkaClientId: string;
  schemaRegistryUrl: string;
  /** RPC for chain reads: ANKR_HTTP_URL preferred over FLARE_RPC_URL; the local chain otherwise. */
  rpcUrl: string;
  /** True when ANKR_HTTP_URL or FLARE_RPC_URL is set (a real chain), false on the local chain's default. */
  rpcConfigured: boolean;
  indexerBlockWindow: number;
  adminToken: string | undefined;
  adminPort: number;
  /** Port of a step service's /metrics and /health. */
  metricsPort: number;
  /** Address the HTTP servers bind: loopback on a workstation, 0.0.0.0 in a container. */
  httpHost: string;
  /**
   * Prefix of every topic and consumer group name. Empty in production; tests set a
   * unique one so they share a broker without seeing each other's records.
   */
  namePrefix: string;
  /** LP_DEX_MANAGERS: DEX name by position manager address (lowercase), beyond Flare's known ones. */
  dexManagers: Readonly<Record<string, string>>;
  /** ENRICH_STEP: the step a step service runs when `--step` is not given. */
  enrichStep: string | undefined;
  /** PARTITIONS_CONCURRENTLY: partitions a step instance processes at once. */
  partitionsConcurrently: number;
  logFormat: LogFormat;
  kafka: Readonly<KafkaSettings>;
  replay: Readonly<ReplaySettings>;
  pricing: Readonly<PricingConfig>;
  /** Settings of the CLIs under tools/ (not read by the services). */
  tools: Readonly<{ benchShowLogs: boolean }>;
}

export const DEFAULTS = {
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/lp_enrichment',
  kafkaBrokers: '127.0.0.1:9092',
  kafkaClientId: 'lp-enrichment',
  schemaRegistryUrl: 'http://127.0.0.1:8081/apis/ccompat/v7',
  rpcUrl: 'http://127.0.0.1:8545',
  indexerBlockWindow: 5000,
  adminPort: 3000,
  metricsPort: 9464,
  httpHost: '127.0.0.1',
  partitionsConcurrently: 3,
  kafkaPartitions: 6,
  kafkaReplicationFactor: 1,
  replayPageSize: 5000,
  replayMaxRowsPerSec: 0,
  replayRetryForMs: 600_000,
  replayStallMs: 60_000,
} as const;

/**
 * Flare's USD₮0 and WFLR (as FLARE_TOKENS in @lib/chain, lowercase; a spec in @lib/pricing
 * checks they agree). Written out here so @lib/config depends on no other library.
 */
export const PRICING_DEFAULTS: PricingConfig = Object.freeze({
  usdStablecoins: Object.freeze(['0xe7cd86e13ac4309349f30b3435a9d337750fc82d']),
  wrappedNative: '0x1d80c49bbbcd1c0911346656b529df9e5c2f783d',
});

/** Variables whose values are never printed; URLs print without their password. */
const SECRET_VARIABLES = new Set(['ADMIN_TOKEN', 'KAFKA_SASL_PASSWORD']);
/** URLs whose path or query may carry an API key (e.g. Ankr's `https://rpc.ankr.com/flare/<key>`). */
const KEYED_URL_VARIABLES = new Set(['ANKR_HTTP_URL', 'FLARE_RPC_URL']);
const URL_VARIABLES = new Set(['DATABASE_URL', 'SCHEMA_REGISTRY_URL', ...KEYED_URL_VARIABLES]);

export interface ConfigIssue {
  variable: string;
  /** The value as printed: secrets masked. */
  shown: string;
  expected: string;
}

/** A missing or malformed variable: `message` is one line naming every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(`invalid configuration: ${issues.map((i) => `${i.variable}=${i.shown} (expected ${i.expected})`).join('; ')}`);
  }
}

/** How a value is printed in an error: quoted, one line, secrets masked. */
export function maskedValue(variable: string, raw: string | undefined): string {
  if (raw === undefined) return '(unset)';
  let shown = raw;
  if (SECRET_VARIABLES.has(variable)) shown = raw === '' ? '' : '***';
  else if (URL_VARIABLES.has(variable)) {
    // user:password@ -> user:***@, also when the rest is not a valid URL.
    shown = shown.replace(/^([^:/?#]*:\/\/[^:/?#@]*):[^/?#]*@/, '$1:***@');
    if (KEYED_URL_VARIABLES.has(variable)) shown = shown.replace(/^([^:/?#]*:\/\/[^/?#]*)[/?#].+$/, '$1/***');
  }
  return JSON.stringify(shown);
}

// --- field schemas: each takes the raw string (blank = unset) and yields the typed value ---

/** Unset, empty and whitespace-only all mean "use the default". */
const blank = (v: unknown) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v);

function optionalString() {
  return z.preprocess(blank, z.string().optional());
}

function integer(min: number, max: number, fallback: number, what: string) {
  return z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d+$/, { error: what })
      .transform(Number)
      .refine((n) => Number.isSafeInteger(n) && n >= min && n <= max, { error: what })
      .default(fallback),
  );
}

const positiveInt = (fallback: number) => integer(1, Number.MAX_SAFE_INTEGER, fallback, 'a positive integer');
const port = (fallback: number) => integer(1, 65535, fallback, 'a port number 1-65535');

function urlString(protocols: string[], what: string) {
  return z.string().refine(
    (s) => {
      try {
        const u = new URL(s);
        return protocols.includes(u.protocol) && u.host !== '';
      } catch {
        return false;
      }
    },
    { error: what },
  );
}

function url(protocols: string[], fallback: string, what: string) {
  return z.preprocess(blank, urlString(protocols, what).default(fallback));
}

function optionalUrl(protocols: string[], what: string) {
  return z.preprocess(blank, urlString(protocols, what).optional());
}

function flag(what: string) {
  return z.preprocess(
    blank,
    z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: what }))
      .transform((s) => s === 'true' || s === '1' || s === 'yes')
      .default(false),
  );
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const BROKER = /^(\[[0-9a-fA-F:.]+\]|[^\s:,[\]]+):(\d{1,5})$/;

function list(item: (s: string) => boolean, what: string) {
  return z.preprocess(
    blank,
    z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .refine((xs) => xs.length > 0 && xs.every(item), { error: what })
      .optional(),
  );
}

/**
 * Every variable the services and CLIs read, with its default. Keys are the variable
 * names; the README's configuration table lists the same, in this order.
 */
export const SCHEMA = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:'], DEFAULTS.databaseUrl, 'a postgres:// URL'),
  KAFKA_BROKERS: list((b) => {
    const m = BROKER.exec(b);
    return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 65535;
  }, 'comma-separated host:port'),
  KAFKA_CLIENT_ID: z.preprocess(blank, z.string().default(DEFAULTS.kafkaClientId)),
  SCHEMA_REGISTRY_URL: url(['http:', 'https:'], DEFAULTS.schemaRegistryUrl, 'an http(s) URL'),
  ANKR_HTTP_URL: optionalUrl(['http:', 'https:'], 'an http(s) URL'),
  FLARE_RPC_URL: optionalUrl(['http:', 'https:'], 'an http(s) URL'),
  INDEXER_BLOCK_WINDOW: positiveInt(DEFAULTS.indexerBlockWindow),
  // Not trimmed (a secret is taken as given); blank is unset.
  ADMIN_TOKEN: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.string().regex(/^\S+$/, { error: 'a token without spaces (sent as "Authorization: Bearer <token>")' }).optional(),
  ),
  ADMIN_PORT: port(DEFAULTS.adminPort),
  METRICS_PORT: port(DEFAULTS.metricsPort),
  HTTP_HOST: z.preprocess(blank, z.string().regex(/^\S+$/, { error: 'a host name or address' }).default(DEFAULTS.httpHost)),
  KAFKA_PARTITIONS: positiveInt(DEFAULTS.kafkaPartitions),
  KAFKA_REPLICATION_FACTOR: positiveInt(DEFAULTS.kafkaReplicationFactor),
  KAFKA_SSL: flag('true or false'),
  KAFKA_SASL_MECHANISM: z.preprocess(
    blank,
    z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(z.enum(['plain', 'scram-sha-256', 'scram-sha-512'], { error: 'plain, scram-sha-256 or scram-sha-512' }))
      .optional(),
  ),
  KAFKA_SASL_USERNAME: optionalString(),
  // Not trimmed: a password is taken as given.
  KAFKA_SASL_PASSWORD: z.string().optional(),
  // Not trimmed either, and the empty prefix is the production default.
  LP_NAME_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, { error: 'letters, digits, ".", "_" or "-" only' })
    .default(''),
  LP_DEX_MANAGERS: list((p) => /^[^=\s]+=0x[0-9a-fA-F]{40}$/.test(p), 'comma-separated name=0xaddress'),
  LOG_FORMAT: z.preprocess(
    blank,
    z
      .string()
      .transform((s) => s.toLowerCase())
      .pipe(z.enum(['json', 'text'], { error: 'json or text' }))
      .default('json'),
  ),
  REPLAY_PAGE_SIZE: positiveInt(DEFAULTS.replayPageSize),
  REPLAY_MAX_ROWS_PER_SEC: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d+(\.\d+)?$/, { error: 'a number >= 0 (0 = unlimited)' })
      .transform(Number)
      .default(DEFAULTS.replayMaxRowsPerSec),
  ),
  REPLAY_RETRY_FOR_MS: positiveInt(DEFAULTS.replayRetryForMs),
  REPLAY_STALL_MS: positiveInt(DEFAULTS.replayStallMs),
  LP_USD_STABLECOINS: list((a) => ADDRESS.test(a), 'comma-separated 0x addresses (40 hex digits)'),
  LP_WRAPPED_NATIVE: z.preprocess(blank, z.string().regex(ADDRESS, { error: 'a 0x address (40 hex digits)' }).optional()),
  ENRICH_STEP: optionalString(),
  PARTITIONS_CONCURRENTLY: positiveInt(DEFAULTS.partitionsConcurrently),
  BENCH_SHOW_LOGS: flag('true or false (1 or 0)'),
});

export type Env = Readonly<Record<string, string | undefined>>;

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/**
 * Parses the environment once: every variable checked, defaults applied. Throws a
 * ConfigError naming every bad variable (secrets masked); returns a deeply frozen config.
 */
export function loadConfig(env: Env = process.env): AppConfig {
  const parsed = SCHEMA.safeParse(env);
  const issues: ConfigIssue[] = [];
  const problem = (variable: string, expected: string) => issues.push({ variable, shown: maskedValue(variable, env[variable]), expected });
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const i of parsed.error.issues) {
      const variable = String(i.path[0]);
      if (seen.has(variable)) continue;
      seen.add(variable);
      problem(variable, i.message);
    }
    throw new ConfigError(issues);
  }
  const e = parsed.data;

  // Rules across variables.
  if (e.KAFKA_SASL_MECHANISM && !e.KAFKA_SASL_USERNAME) problem('KAFKA_SASL_USERNAME', `a user name, as KAFKA_SASL_MECHANISM is ${e.KAFKA_SASL_MECHANISM}`);
  if (!e.KAFKA_SASL_MECHANISM && (e.KAFKA_SASL_USERNAME || e.KAFKA_SASL_PASSWORD))
    problem('KAFKA_SASL_MECHANISM', 'plain, scram-sha-256 or scram-sha-512, as KAFKA_SASL_USERNAME or KAFKA_SASL_PASSWORD is set');
  const usdStablecoins = [...new Set((e.LP_USD_STABLECOINS ?? PRICING_DEFAULTS.usdStablecoins).map((a) => a.toLowerCase()))];
  const wrappedNative = (e.LP_WRAPPED_NATIVE ?? PRICING_DEFAULTS.wrappedNative).toLowerCase();
  if (usdStablecoins.includes(wrappedNative)) problem('LP_WRAPPED_NATIVE', 'a token that is not also listed in LP_USD_STABLECOINS');
  const dexManagers: Record<string, string> = {};
  for (const pair of e.LP_DEX_MANAGERS ?? []) {
    const [name, address] = pair.split('=');
    dexManagers[address.toLowerCase()] = name;
  }
  if (issues.length > 0) throw new ConfigError(issues);

  return deepFreeze<AppConfig>({
    databaseUrl: e.DATABASE_URL,
    kafkaBrokers: e.KAFKA_BROKERS ?? [DEFAULTS.kafkaBrokers],
    kafkaClientId: e.KAFKA_CLIENT_ID,
    schemaRegistryUrl: e.SCHEMA_REGISTRY_URL,
    rpcUrl: e.ANKR_HTTP_URL ?? e.FLARE_RPC_URL ?? DEFAULTS.rpcUrl,
    rpcConfigured: e.ANKR_HTTP_URL !== undefined || e.FLARE_RPC_URL !== undefined,
    indexerBlockWindow: e.INDEXER_BLOCK_WINDOW,
    adminToken: e.ADMIN_TOKEN,
    adminPort: e.ADMIN_PORT,
    metricsPort: e.METRICS_PORT,
    httpHost: e.HTTP_HOST,
    namePrefix: e.LP_NAME_PREFIX,
    dexManagers,
    enrichStep: e.ENRICH_STEP,
    partitionsConcurrently: e.PARTITIONS_CONCURRENTLY,
    logFormat: e.LOG_FORMAT,
    kafka: {
      ssl: e.KAFKA_SSL,
      sasl: e.KAFKA_SASL_MECHANISM ? { mechanism: e.KAFKA_SASL_MECHANISM, username: e.KAFKA_SASL_USERNAME!, password: e.KAFKA_SASL_PASSWORD ?? '' } : undefined,
      partitions: e.KAFKA_PARTITIONS,
      replicationFactor: e.KAFKA_REPLICATION_FACTOR,
    },
    replay: {
      pageSize: e.REPLAY_PAGE_SIZE,
      maxRowsPerSec: e.REPLAY_MAX_ROWS_PER_SEC,
      retryForMs: e.REPLAY_RETRY_FOR_MS,
      stallMs: e.REPLAY_STALL_MS,
    },
    pricing: { usdStablecoins, wrappedNative },
    tools: { benchShowLogs: e.BENCH_SHOW_LOGS },
  });
}

/**
 * LOG_FORMAT alone, for a logger made before the whole configuration is loaded (the
 * apps' loggers exist before `loadConfig()` so that they can report its failure). A bad
 * value gives json here; `loadConfig()` reports it.
 */
export function logFormatOf(env: Env = process.env): LogFormat {
  const r = SCHEMA.shape.LOG_FORMAT.safeParse(env.LOG_FORMAT);
  return r.success ? r.data : 'json';
}

/**
 * For an app's `main`: the configuration, or — on a ConfigError — its one line on stderr
 * and exit code 2 (no stack trace). Other errors are thrown on.
 */
export function loadConfigOrExit(env: Env = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
}
