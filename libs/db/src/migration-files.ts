import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One forward-only migration: `migrations/0001_what_it_does.sql`. */
export interface MigrationFile {
  /** The file name without `.sql`; what the bookkeeping table records. */
  name: string;
  path: string;
}

// Four digits keep the order obvious and lexical order equal to numeric order.
const MIGRATION_FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

/**
 * The repository's `migrations/` folder. Found by walking up from this file, because
 * this code runs both from source (jest: libs/db/src) and compiled (dist/libs/db/src).
 */
export function defaultMigrationsDir(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`no migrations/ folder found above ${__dirname}`);
  }
}

/** The migrations in the order they are applied; refuses misnamed or duplicate-numbered files. */
export function listMigrationFiles(dir: string): MigrationFile[] {
  const sqlFiles = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const seenNumbers = new Map<string, string>();
  return sqlFiles.map((file) => {
    const match = MIGRATION_FILE_NAME.exec(file);
    if (!match) throw new Error(`migration file "${file}" must be named NNNN_lowercase_words.sql`);
    const clash = seenNumbers.get(match[1]);
    if (clash) throw new Error(`migrations "${clash}" and "${file}" have the same number`);
    seenNumbers.set(match[1], file);
    return { name: file.slice(0, -'.sql'.length), path: join(dir, file) };
  });
}

export function readMigrationSql(migration: MigrationFile): string {
  return readFileSync(migration.path, 'utf8');
}

/**
 * The first-line marker of a migration that must run outside a transaction (as
 * node-pg-migrate's `noTransaction`): `CREATE INDEX CONCURRENTLY` on a production table
 * cannot run inside one. Such a file runs statement by statement, each committed on its
 * own, so every statement in it must be safe to run again (`IF NOT EXISTS`).
 */
export const NO_TRANSACTION_MARKER = '-- lpe:no-transaction';

export function isNoTransactionMigration(sql: string): boolean {
  return sql.split('\n', 1)[0]!.trim() === NO_TRANSACTION_MARKER;
}
