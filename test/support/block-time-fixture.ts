import type { Pool } from 'pg';

/**
 * Gives `block_time` (migration 0015) a row for every block of the source tables that has
 * none, from the rows' own `timestamp` — right only for the full shape our indexer writes by
 * default (every row stamped with its block's header time), never for production-shape rows
 * (scan-window middles). Stands in, for the test databases, for the indexer's own block-time
 * rows and the replay's block-time fill; a block that already has a time keeps it, so it is a
 * no-op once they write them. Returns the rows inserted.
 */
export async function fillBlockTimesFromFullShapeRows(db: Pool): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO block_time (block_number, timestamp, source)
     SELECT "blockNumber", min(timestamp), 'indexer'
       FROM (SELECT "blockNumber", timestamp FROM "PoolEvent"
             UNION ALL SELECT "blockNumber", timestamp FROM "PositionEvent"
             UNION ALL SELECT "blockNumber", timestamp FROM "PositionTransfer") s
      GROUP BY "blockNumber"
     ON CONFLICT (block_number) DO NOTHING`,
  );
  return rowCount ?? 0;
}
