/**
 * Our forward-only migration runner: applies the `migrations/NNNN_*.sql` files not yet
 * recorded in the database, in order, each in its own transaction — or, for a file whose
 * first line is `-- lpe:no-transaction`, statement by statement outside one (for
 * CREATE INDEX CONCURRENTLY on production tables; docs/database.md).
 *
 * Why not node-pg-migrate's `runner`: node-pg-migrate 9 is ESM-only, and jest (CommonJS,
 * Node 22) can load it neither by `require` nor by `import()` without
 * --experimental-vm-modules, yet every integration test must migrate its database. Our
 * needs are small (plain SQL, forward only), so this file does it in one code path for
 * the CLI, the apps and the tests. The bookkeeping table has node-pg-migrate's layout,
 * names and lock id, so its CLI sees the same state should we ever switch back.
 */
import type { Pool, PoolClient } from 'pg';
import { defaultMigrationsDir, isNoTransactionMigration, listMigrationFiles, readMigrationSql, type MigrationFile } from './migration-files';
import { planMigrations } from './migration-plan';
import { splitSqlStatements } from './sql-statements';

export const MIGRATIONS_TABLE = 'pgmigrations';
/** Held while migrating, so that services starting together migrate one at a time. */
const MIGRATION_LOCK_ID = '7241865325823964'; // node-pg-migrate's PG_MIGRATE_LOCK_ID

export interface MigrateOptions {
  /** Defaults to the repository's `migrations/` folder. */
  migrationsDir?: string;
  /** Receives one line per applied migration. */
  log?: (line: string) => void;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

export interface MigrationRun {
  /** Applied by an earlier run. */
  alreadyApplied: string[];
  /** Applied by this run, in order. */
  appliedNow: string[];
}

export async function applyMigrations(pool: Pool, options: MigrateOptions = {}): Promise<MigrationRun> {
  const files = listMigrationFiles(options.migrationsDir ?? defaultMigrationsDir());
  const client = await pool.connect();
  try {
    await lockMigrations(client);
    await ensureMigrationsTable(client);
    const { applied, pending } = planMigrations(files, await appliedMigrationNames(client));
    for (const migration of pending) {
      await applyOne(client, migration);
      options.log?.(`applied ${migration.name}`);
    }
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]);
    client.release();
    return { alreadyApplied: applied, appliedNow: pending.map((m) => m.name) };
  } catch (err) {
    // Discard the connection instead of unlocking: closing the session releases the
    // lock even when the connection itself is what failed.
    client.release(err as Error);
    throw err;
  }
}

/** What `applyMigrations` would do, without changing anything. */
export async function migrationStatus(pool: Pool, options: MigrateOptions = {}): Promise<MigrationStatus> {
  const files = listMigrationFiles(options.migrationsDir ?? defaultMigrationsDir());
  const { rows } = await pool.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [MIGRATIONS_TABLE]);
  const appliedNames = rows[0].exists ? await appliedMigrationNames(pool) : [];
  const { applied, pending } = planMigrations(files, appliedNames);
  return { applied, pending: pending.map((m) => m.name) };
}

/**
 * Takes the migration lock, polling rather than blocking: a session blocked in
 * pg_advisory_lock holds a snapshot, and a CREATE INDEX CONCURRENTLY of the lock holder
 * (a no-transaction migration) waits for every older snapshot of the database — the two
 * would wait on each other.
 */
async function lockMigrations(client: PoolClient): Promise<void> {
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK_ID]);
    if (rows[0]!.locked) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function ensureMigrationsTable(client: PoolClient): Promise<void> {
  await client.query(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id serial PRIMARY KEY, name varchar(255) NOT NULL, run_on timestamp NOT NULL)`);
}

async function appliedMigrationNames(db: Pool | PoolClient): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY run_on, id`);
  return rows.map((r) => r.name);
}

// The file and its record commit together: a failed migration leaves no trace and is retried.
async function applyOne(client: PoolClient, migration: MigrationFile): Promise<void> {
  const sql = readMigrationSql(migration);
  if (isNoTransactionMigration(sql)) return applyOutsideTransaction(client, migration, sql);
  await client.query('BEGIN');
  try {
    await client.query(sql);
    await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, run_on) VALUES ($1, now())`, [migration.name]);
    await client.query('COMMIT');
  } catch (err) {
    // If the connection itself failed, ROLLBACK fails too; the caller discards it anyway.
    await client.query('ROLLBACK').catch(() => undefined);
    throw new Error(`migration ${migration.name} failed: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * A `-- lpe:no-transaction` file: each statement on its own (a multi-statement query would
 * be one implicit transaction, where CREATE INDEX CONCURRENTLY is refused), then its record.
 * A failure part-way leaves the statements before it done and the file unrecorded: it runs
 * again next time, which its `IF NOT EXISTS` statements allow. A concurrent index build
 * that fails leaves an INVALID index behind, which `IF NOT EXISTS` would then keep: the
 * error names such indexes, to be dropped (DROP INDEX CONCURRENTLY) before the next try.
 */
async function applyOutsideTransaction(client: PoolClient, migration: MigrationFile, sql: string): Promise<void> {
  try {
    for (const statement of splitSqlStatements(sql)) await client.query(statement);
    await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, run_on) VALUES ($1, now())`, [migration.name]);
  } catch (err) {
    const invalid = await client
      .query<{ name: string }>(`SELECT indexrelid::regclass::text AS name FROM pg_index WHERE NOT indisvalid ORDER BY 1`)
      .then(({ rows }) => rows.map((r) => r.name))
      .catch(() => []);
    const hint = invalid.length ? ` (invalid indexes left by a failed concurrent build, drop them before retrying: ${invalid.join(', ')})` : '';
    throw new Error(`migration ${migration.name} (outside a transaction) failed: ${(err as Error).message}${hint}`, { cause: err });
  }
}
