/**
 * `npm run db:migrate`: creates the database of DATABASE_URL when missing, then applies
 * the pending migrations of migrations/ and prints each one it applied.
 */
import { DEFAULTS, loadConfig } from '@lib/config';
import {
  applyMigrations,
  createDatabaseIfMissing,
  createPool,
  databaseNameOf,
  isServerNotReady,
  isServerUnreachable,
  migrationStatus,
  redactPassword,
  START_POSTGRES_HINT,
} from '@lib/db';
import { defineCommand, runCommand } from './cli';

const COMMAND = defineCommand({
  name: 'db:migrate',
  synopsis: ['npm run db:migrate [-- --status]'],
  summary: `Creates the database named by DATABASE_URL if it does not exist, then applies the
pending migrations from migrations/ in order (forward only; see docs/database.md).`,
  options: {
    status: { type: 'boolean', default: false, help: 'list applied and pending migrations; change nothing' },
  },
  env: { DATABASE_URL: `the database to migrate (default ${DEFAULTS.databaseUrl})` },
  examples: ['npm run db:migrate', 'DATABASE_URL=postgres://postgres@127.0.0.1:5432/scratch npm run db:migrate -- --status'],
});

async function main(status: boolean): Promise<number> {
  const url = loadConfig().databaseUrl;
  const where = redactPassword(url);

  try {
    if (status) return await printStatus(url);
    if (await createDatabaseIfMissing(url)) console.log(`created database ${databaseNameOf(url)}`);
    const pool = createPool({ databaseUrl: url, max: 1, applicationName: 'db-migrate' });
    try {
      const { alreadyApplied, appliedNow } = await applyMigrations(pool, { log: (line) => console.log(line) });
      console.log(
        appliedNow.length === 0
          ? `${where}: up to date (${alreadyApplied.length} migrations applied before)`
          : `${where}: applied ${appliedNow.length} migration(s), ${alreadyApplied.length + appliedNow.length} in total`,
      );
    } finally {
      await pool.end();
    }
    return 0;
  } catch (err) {
    if (isServerUnreachable(err) || isServerNotReady(err)) {
      console.error(`db:migrate: PostgreSQL is not reachable at ${where} (${describe(err)}).`);
      console.error(`Start the local server with:\n  ${START_POSTGRES_HINT}`);
    } else if ((err as { code?: string }).code === '3D000') {
      console.error(`db:migrate: database ${databaseNameOf(url)} does not exist yet; \`npm run db:migrate\` creates it.`);
    } else {
      console.error(`db:migrate: ${describe(err)}`);
    }
    return 1;
  }
}

async function printStatus(url: string): Promise<number> {
  const pool = createPool({ databaseUrl: url, max: 1, applicationName: 'db-migrate' });
  try {
    const { applied, pending } = await migrationStatus(pool);
    for (const name of applied) console.log(`applied  ${name}`);
    for (const name of pending) console.log(`pending  ${name}`);
    return 0;
  } finally {
    await pool.end();
  }
}

function describe(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return describe(err.errors[0]);
  const e = err as { code?: string; message?: string };
  return [e.code, e.message].filter(Boolean).join(': ') || String(err);
}

runCommand(COMMAND, ({ values }) => main(values.status));
