import { Client } from 'pg';
import { databaseNameOf, withDatabaseName } from './database-url';
import { quoteIdent } from './quote-identifier';

/** The database every PostgreSQL server has; used to create and drop the others. */
export const MAINTENANCE_DATABASE = 'postgres';

/** Runs `work` on a short-lived connection to the maintenance database of `url`'s server. */
export async function withMaintenanceConnection<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabaseName(url, MAINTENANCE_DATABASE) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database `url` names when the server lacks it. Returns whether it created it. */
export async function createDatabaseIfMissing(url: string): Promise<boolean> {
  const name = databaseNameOf(url);
  return withMaintenanceConnection(url, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
      return true;
    } catch (err) {
      // Another process created it between our check and our CREATE: fine.
      if ((err as { code?: string }).code === '42P04') return false;
      throw err;
    }
  });
}

/** Drops the database `url` names, closing every connection to it first. */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseNameOf(url);
  await withMaintenanceConnection(url, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}
