import { loadConfig } from '@lib/config';
import { Pool, types, type CustomTypesConfig, type PoolConfig } from 'pg';

export interface CreatePoolOptions {
  /** Defaults to `loadConfig().databaseUrl`. */
  databaseUrl?: string;
  /** Maximum open connections; pg's default (10) otherwise. */
  max?: number;
  /** Shown in pg_stat_activity, so you can tell which service holds a connection. */
  applicationName?: string;
}

// PostgreSQL type OIDs whose values do not fit a JS number without loss.
const INT8_OID = 20; // bigint, bigserial, count(*)
const NUMERIC_OID = 1700; // numeric / decimal

/**
 * bigint and numeric come back as strings (pg's default too), pinned here per pool so that
 * a global `types.setTypeParser` elsewhere can never turn them into lossy JS numbers.
 * Convert explicitly with BigInt(...) where arithmetic is needed.
 */
const exactNumbersAsStrings: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => value;
    return types.getTypeParser(oid, format);
  }) as CustomTypesConfig['getTypeParser'],
};

/** A pg connection pool for the configured database. End it with `pool.end()`. */
export function createPool(options: CreatePoolOptions = {}): Pool {
  const config: PoolConfig = {
    connectionString: options.databaseUrl ?? loadConfig().databaseUrl,
    max: options.max,
    application_name: options.applicationName,
    types: exactNumbersAsStrings,
  };
  const pool = new Pool(config);
  // An idle connection that dies (database restart) is reported here; without a listener
  // it would crash the process. The next query gets a fresh connection.
  pool.on('error', (err) => {
    console.warn(`[db] idle connection lost: ${err.message}`);
  });
  return pool;
}
