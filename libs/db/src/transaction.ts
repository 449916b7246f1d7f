import type { Pool, PoolClient } from 'pg';

/** Kept on a checked-out client: pg-pool listens for errors only on idle clients. */
const ignoreConnectionError = () => undefined;

/**
 * Runs `work` in one transaction on a client of `pool`: COMMIT when it resolves,
 * ROLLBACK when it throws. A client whose connection broke is discarded, not reused.
 * A server that ends the connection between two queries (a restart, an administrator's
 * termination) makes the client emit 'error'; unheard, that would crash the process. It
 * is heard here, and the next query fails, so the caller sees an ordinary error to retry.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  client.on('error', ignoreConnectionError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    client.removeListener('error', ignoreConnectionError);
    client.release();
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.removeListener('error', ignoreConnectionError);
    client.release(err as Error);
    throw err;
  }
}
