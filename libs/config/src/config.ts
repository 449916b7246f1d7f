/**
 * The one place environment variables are read. Every app and command takes its
 * settings from `loadConfig()`, so the README's configuration table is this file.
 */
export interface AppConfig {
  databaseUrl: string;
  kafkaBrokers: string[];
  kafkaClientId: string;
  schemaRegistryUrl: string;
  /** RPC for chain reads: ANKR_HTTP_URL preferred over FLARE_RPC_URL; the local chain otherwise. */
  rpcUrl: string;
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
}

export const DEFAULTS = {
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/lp_enrichment',
  kafkaBrokers: '127.0.0.1:9092',
  schemaRegistryUrl: 'http://127.0.0.1:8081/apis/ccompat/v7',
  rpcUrl: 'http://127.0.0.1:8545',
  indexerBlockWindow: 5000,
  adminPort: 3000,
} as const;

export class ConfigError extends Error {}

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const brokers = (env.KAFKA_BROKERS || DEFAULTS.kafkaBrokers).split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0) throw new ConfigError('KAFKA_BROKERS is empty');
  return {
    databaseUrl: env.DATABASE_URL || DEFAULTS.databaseUrl,
    kafkaBrokers: brokers,
    kafkaClientId: env.KAFKA_CLIENT_ID || 'lp-enrichment',
    schemaRegistryUrl: env.SCHEMA_REGISTRY_URL || DEFAULTS.schemaRegistryUrl,
    rpcUrl: env.ANKR_HTTP_URL || env.FLARE_RPC_URL || DEFAULTS.rpcUrl,
    indexerBlockWindow: positiveInt('INDEXER_BLOCK_WINDOW', env.INDEXER_BLOCK_WINDOW, DEFAULTS.indexerBlockWindow),
    adminToken: env.ADMIN_TOKEN || undefined,
    adminPort: positiveInt('ADMIN_PORT', env.ADMIN_PORT, DEFAULTS.adminPort),
    metricsPort: positiveInt('METRICS_PORT', env.METRICS_PORT, 9464),
    httpHost: env.HTTP_HOST || '127.0.0.1',
    namePrefix: env.LP_NAME_PREFIX ?? '',
  };
}
