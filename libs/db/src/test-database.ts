/**
 * A fresh, migrated database for one integration test (file). The PostgreSQL server is
 * shared and keeps its state between runs, so every test gets its own uniquely named
 * database and drops it afterwards:
 *
 *   let db: TestDatabase;
 *   beforeAll(async () => { db = await createTestDatabase(); });
 *   afterAll(() => db.drop());
 */
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { loadConfig } from '@lib/config';
import { withDatabaseName } from './database-url';
import { createDatabaseIfMissing, dropDatabase } from './ensure-database';
import { applyMigrations } from './migrate';
import { createPool } from './pool';

/** Every test database's name starts with this, so leftovers of killed runs are easy to find. */
export const TEST_DATABASE_PREFIX = 'lpe_test_';

export interface TestDatabase {
  name: string;
  /** Its URL: hand it to services under test as DATABASE_URL. */
  url: string;
  /** A pool on it, closed by `drop()`. */
  pool: Pool;
  /** Closes the pool, ends every other connection to the database and drops it. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Skip the migrations, for tests of the migrations themselves. */
  migrate?: boolean;
}

export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  // The creation time in the name tells a stale leftover from a running test's database.
  const name = `${TEST_DATABASE_PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const url = withDatabaseName(loadConfig().databaseUrl, name);
  await createDatabaseIfMissing(url);
  const pool = createPool({ databaseUrl: url, applicationName: 'integration-test' });
  const drop = async () => {
    await pool.end();
    await dropDatabase(url);
  };
  try {
    if (options.migrate !== false) await applyMigrations(pool);
  } catch (err) {
    await drop();
    throw err;
  }
  return { name, url, pool, drop };
}
