import type { Pool } from 'pg';

/**
 * The newest block of the source history with a timestamp at or before `asOf` (0: none):
 * what "as of a chain time" reads up to. From the replayed source tables, which are
 * complete before a run starts, so the answer does not depend on other steps' progress.
 */
export async function lastBlockAtOrBefore(pool: Pool, asOf: number): Promise<number> {
  const { rows } = await pool.query(
    `SELECT greatest((SELECT max("blockNumber") FROM "PoolEvent" WHERE timestamp <= $1), (SELECT max("blockNumber") FROM "PositionEvent" WHERE timestamp <= $1)) AS b`,
    [asOf],
  );
  return rows[0].b === null ? 0 : Number(rows[0].b);
}
