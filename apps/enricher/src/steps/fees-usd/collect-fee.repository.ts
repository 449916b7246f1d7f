import type { Pool } from 'pg';
import { upsertRows, type Queryable } from '@lib/db';
import { type OwedEvent, positionKey } from '@lib/position';

/** A row of `collect_fee`: one per COLLECT event. */
export interface CollectFeeRow {
  id: string;
  position_manager: string;
  token_id: string;
  pool: string;
  block_number: number;
  log_index: number;
  collected0: string;
  collected1: string;
  principal0: string;
  principal1: string;
  fee0: string;
  fee1: string;
  price0_usd: number;
  price1_usd: number;
  usd_value: number;
  fee_usd_value: number;
  price_via: string;
}

const COLUMNS = [
  'id',
  'position_manager',
  'token_id',
  'pool',
  'block_number',
  'log_index',
  'collected0',
  'collected1',
  'principal0',
  'principal1',
  'fee0',
  'fee1',
  'price0_usd',
  'price1_usd',
  'usd_value',
  'fee_usd_value',
  'price_via',
] as const;

/** The SQL of fees USD: positions' decrease/collect history in, `collect_fee` and COLLECT rows' usdValue out. */
export class CollectFeeRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * The DECREASE and COLLECT events of the positions, by position key, in one query
   * (the attributed_event_position index). Step 1 writes an event before it emits it,
   * so a position's earlier events are here when a later one arrives.
   */
  async owedHistory(positions: { positionManager: string; tokenId: string }[]): Promise<Map<string, OwedEvent[]>> {
    const out = new Map<string, OwedEvent[]>();
    if (positions.length === 0) return out;
    const { rows } = await this.pool.query(
      // OFFSET 0 keeps one index lookup per position (docs/profiling.md).
      `SELECT a.id, a.position_manager, a.token_id, a.block_number, a.log_index, a.event_type,
              coalesce(a.amount0, 0)::text AS amount0, coalesce(a.amount1, 0)::text AS amount1
         FROM unnest($1::text[], $2::text[]) AS k(m, t)
         CROSS JOIN LATERAL (
           SELECT * FROM attributed_event a
            WHERE a.position_manager = k.m AND a.token_id = k.t AND a.event_type IN ('DECREASE', 'COLLECT') OFFSET 0) a`,
      [positions.map((p) => p.positionManager), positions.map((p) => p.tokenId)],
    );
    for (const r of rows) {
      const key = positionKey(r.position_manager, r.token_id);
      if (!out.has(key)) out.set(key, []);
      out.get(key)!.push({
        id: r.id,
        blockNumber: r.block_number,
        logIndex: r.log_index,
        eventType: r.event_type,
        amount0: BigInt(r.amount0),
        amount1: BigInt(r.amount1),
      });
    }
    return out;
  }

  /** The batch's rows and the source rows' usdValue, in the runtime's one transaction (`db`); rewriting the same values changes nothing. */
  async write(db: Queryable, rows: CollectFeeRow[]): Promise<void> {
    if (rows.length === 0) return;
    await upsertRows(db, { table: 'collect_fee', columns: COLUMNS, conflict: ['id'], update: 'all', rows });
    await db.query(
      `UPDATE "PositionEvent" e SET "usdValue" = v.usd
         FROM unnest($1::text[], $2::float8[]) AS v(id, usd)
        WHERE e.id = v.id AND e."usdValue" IS DISTINCT FROM v.usd`,
      [rows.map((r) => r.id), rows.map((r) => r.usd_value)],
    );
  }
}
