import type { Pool } from 'pg';
import type { SourceRow } from './source-row.mapper';

/** Position in chain order; the replay's cursor per source table. */
export interface ChainCursor {
  blockNumber: number;
  logIndex: number;
}

export const START_CURSOR: ChainCursor = { blockNumber: -1, logIndex: -1 };

export type SourceTable = '"PositionEvent"' | '"PoolEvent"';

const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

/** The "PositionEvent" columns of a position page, and the same for a run's burns (replay_burn). */
const POSITION_COLUMNS = `id, "tokenId", pool, "blockNumber", "txHash", "logIndex", "eventType"::text AS "eventType", sender, owner, recipient,
  "tickLower", "tickUpper", tick, "liquidityDelta", amount0, amount1, "sqrtPriceX96", "price1Per0", "usdValue", metadata`;
const BURN_COLUMNS = `b.id, b."tokenId", 'unknown'::text AS pool, b."blockNumber", b."txHash", b."logIndex", 'BURN'::text AS "eventType", NULL::text AS sender,
  b.owner, NULL::text AS recipient, NULL::int AS "tickLower", NULL::int AS "tickUpper", NULL::int AS tick, NULL::text AS "liquidityDelta",
  NULL::text AS amount0, NULL::text AS amount1, NULL::text AS "sqrtPriceX96", NULL::float8 AS "price1Per0", NULL::float8 AS "usdValue", NULL::jsonb AS metadata`;

/**
 * Reads source rows in chain order by keyset pagination: each page starts strictly
 * after the last (blockNumber, logIndex) of the previous one, so a page costs the same
 * at row 10 and at row 10 million (unlike OFFSET), and a cursor is all it takes to resume.
 *
 * Every row comes with its block's time (`blockTime`, from block_time). A position page also
 * carries what the mapper needs to give production rows the full shape (source-row.mapper.ts):
 * `mintOwner`/`mintManager` of an INCREASE whose transaction holds the position's mint transfer
 * before it (no other increase between: the full shape's rule), found through the
 * ("tokenId", "blockNumber") index of "PositionTransfer" per row, and the run's burns
 * (`replay_burn`, filled by `prepareBurns`) merged in chain order.
 */
export class SourceRowsRepository {
  constructor(private readonly pool: Pool) {}

  async page(table: SourceTable, after: ChainCursor, limit: number, runId?: string): Promise<SourceRow[]> {
    if (table === '"PositionEvent"') return this.positionPage(after, limit, runId);
    const { rows } = await this.pool.query(
      `SELECT e.*, bt.timestamp AS "blockTime"
         FROM (SELECT * FROM "PoolEvent" WHERE ("blockNumber", "logIndex") > ($1, $2) ORDER BY "blockNumber", "logIndex" LIMIT $3) e
         LEFT JOIN block_time bt ON bt.block_number = e."blockNumber"
        ORDER BY e."blockNumber", e."logIndex"`,
      [after.blockNumber, after.logIndex, limit],
    );
    return rows;
  }

  private async positionPage(after: ChainCursor, limit: number, runId: string | undefined): Promise<SourceRow[]> {
    const { rows } = await this.pool.query(
      `WITH events AS (
         SELECT ${POSITION_COLUMNS}, NULL::text AS "burnManager"
           FROM "PositionEvent" WHERE ("blockNumber", "logIndex") > ($1, $2) ORDER BY "blockNumber", "logIndex" LIMIT $3
       ), burns AS (
         SELECT ${BURN_COLUMNS}, b."nfpmAddress" AS "burnManager"
           FROM replay_burn b WHERE b.run_id = $4 AND (b."blockNumber", b."logIndex") > ($1, $2) ORDER BY b."blockNumber", b."logIndex" LIMIT $3
       ), merged AS (
         SELECT * FROM (SELECT * FROM events UNION ALL SELECT * FROM burns) u ORDER BY "blockNumber", "logIndex" LIMIT $3
       )
       SELECT m.*, bt.timestamp AS "blockTime", mint."to" AS "mintOwner", mint."nfpmAddress" AS "mintManager"
         FROM merged m
         LEFT JOIN block_time bt ON bt.block_number = m."blockNumber"
         LEFT JOIN LATERAL (
           SELECT t."to", t."nfpmAddress" FROM "PositionTransfer" t
            WHERE m."eventType" = 'INCREASE' AND t."tokenId" = m."tokenId" AND t."blockNumber" = m."blockNumber" AND t."txHash" = m."txHash"
              AND t."from" = '${ZERO_ADDRESS}' AND t."logIndex" < m."logIndex"
              AND NOT EXISTS (
                SELECT 1 FROM "PositionEvent" i
                 WHERE i."tokenId" = m."tokenId" AND i."blockNumber" = m."blockNumber" AND i."txHash" = m."txHash"
                   AND i."eventType" IN ('INCREASE', 'MINT') AND i."logIndex" > t."logIndex" AND i."logIndex" < m."logIndex")
            ORDER BY t."logIndex" DESC LIMIT 1
         ) mint ON true
        ORDER BY m."blockNumber", m."logIndex"`,
      [after.blockNumber, after.logIndex, limit, runId ?? '-1'],
    );
    return rows;
  }

  /**
   * The run's burns: every "PositionTransfer" to the zero address (not from it) with no
   * "PositionEvent" row of its id — one pass over the transfers per run, not per page. Rows of
   * older runs are dropped. Returns the run's burn count.
   */
  async prepareBurns(runId: string): Promise<number> {
    await this.pool.query('DELETE FROM replay_burn WHERE run_id <> $1', [runId]);
    await this.pool.query(
      `INSERT INTO replay_burn (run_id, "blockNumber", "logIndex", id, "tokenId", "txHash", owner, "nfpmAddress")
       SELECT $1, t."blockNumber", t."logIndex", t.id, t."tokenId", t."txHash", lower(t."from"), lower(t."nfpmAddress")
         FROM "PositionTransfer" t
        WHERE t."to" = '${ZERO_ADDRESS}' AND t."from" <> '${ZERO_ADDRESS}'
          AND NOT EXISTS (SELECT 1 FROM "PositionEvent" e WHERE e.id = t.id)
       ON CONFLICT DO NOTHING`,
      [runId],
    );
    const { rows } = await this.pool.query('SELECT count(*)::bigint AS n FROM replay_burn WHERE run_id = $1', [runId]);
    return Number(rows[0].n);
  }

  async count(table: SourceTable): Promise<number> {
    const { rows } = await this.pool.query(`SELECT count(*)::bigint AS n FROM ${table}`);
    return Number(rows[0].n);
  }

  /**
   * The run's default as-of time: the block time of the newest source block (never a row's
   * `timestamp` column, which one row stamped at index time would move). 0 when the tables are
   * empty; null when the newest block has no block time.
   */
  async newestBlockTime(runId: string): Promise<{ block: number; time: number | null }> {
    const { rows } = await this.pool.query(
      `SELECT s.b, bt.timestamp AS t
         FROM (SELECT max(b) AS b FROM (SELECT max("blockNumber") AS b FROM "PositionEvent" UNION ALL SELECT max("blockNumber") FROM "PoolEvent"
                                        UNION ALL SELECT max("blockNumber") FROM replay_burn WHERE run_id = $1) x) s
         LEFT JOIN block_time bt ON bt.block_number = s.b`,
      [runId],
    );
    if (rows[0].b === null) return { block: -1, time: 0 };
    return { block: Number(rows[0].b), time: rows[0].t === null ? null : Number(rows[0].t) };
  }
}
