import type { Pool } from 'pg';
import { upsertRows, type Queryable } from '@lib/db';
import type { ImpermanentLossRow, PositionHistoryEvent } from '@lib/position';

/** A position and the last point of its history a batch needs. */
export interface HistoryRequest {
  positionManager: string;
  tokenId: string;
  blockNumber: number;
  logIndex: number;
}

const COLUMNS = [
  'id',
  'position_manager',
  'token_id',
  'pool',
  'block_number',
  'log_index',
  'liquidity',
  'amount0',
  'amount1',
  'net_deposit0',
  'net_deposit1',
  'price0_usd',
  'price1_usd',
  'value_position_usd',
  'value_hodl_usd',
  'il_usd',
  'il_pct',
] as const;

/** The SQL of impermanent loss: positions' histories from attributed_event, and the result table. */
export class ImpermanentLossRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * Every attributed event of each position up to and including its point, in one query
   * (the (position_manager, token_id, block_number, log_index) index), by position key.
   * Later events a previous replay stored are left out, so the answer depends on the point only.
   */
  async histories(requests: readonly HistoryRequest[]): Promise<Map<string, PositionHistoryEvent[]>> {
    const out = new Map<string, PositionHistoryEvent[]>();
    if (requests.length === 0) return out;
    const { rows } = await this.pool.query(
      `SELECT a.position_manager, a.token_id, a.id, a.block_number, a.log_index, a.event_type,
              a.liquidity_delta::text AS liquidity_delta, a.amount0::text AS amount0, a.amount1::text AS amount1
         FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) AS k(m, t, b, l)
         CROSS JOIN LATERAL (
           -- OFFSET 0 keeps one index lookup per position (docs/profiling.md).
           SELECT * FROM attributed_event a
            WHERE a.position_manager = k.m AND a.token_id = k.t AND (a.block_number, a.log_index) <= (k.b, k.l) OFFSET 0) a
        ORDER BY a.position_manager, a.token_id, a.block_number, a.log_index`,
      [requests.map((r) => r.positionManager), requests.map((r) => r.tokenId), requests.map((r) => r.blockNumber), requests.map((r) => r.logIndex)],
    );
    for (const r of rows) {
      const key = `${r.position_manager}:${r.token_id}`;
      const list = out.get(key) ?? [];
      list.push({
        id: r.id,
        blockNumber: r.block_number,
        logIndex: r.log_index,
        eventType: r.event_type,
        liquidityDelta: r.liquidity_delta,
        amount0: r.amount0,
        amount1: r.amount1,
      });
      out.set(key, list);
    }
    return out;
  }

  async write(db: Queryable, rows: readonly ImpermanentLossRow[]): Promise<void> {
    await upsertRows(db, { table: 'position_impermanent_loss', columns: COLUMNS, conflict: ['id'], update: 'all', rows });
  }
}
