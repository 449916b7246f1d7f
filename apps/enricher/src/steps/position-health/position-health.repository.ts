import type { Pool } from 'pg';
import { upsertRows, type Queryable } from '@lib/db';
import type { ChainPoint } from '@lib/pricing';
import { type PositionHistoryEvent, positionKey } from '@lib/position';
import type { PositionHealthRow } from './position-health-row';

/** A history fact with its chain time (the opening's time starts the time-in-range window). */
export type TimedHistoryEvent = PositionHistoryEvent & { timestamp: number };

/** What attribution knows of a position (position_registry). */
export interface RegisteredPosition {
  positionManager: string;
  tokenId: string;
  pool: string;
  token0: string;
  token1: string;
  tickLower: number;
  tickUpper: number;
}

const COLUMNS = [
  'position_manager',
  'token_id',
  'as_of',
  'pool',
  'block_number',
  'log_index',
  'tick',
  'tick_lower',
  'tick_upper',
  'window_seconds_in_range',
  'window_seconds_open',
  'time_in_range_score',
  'edge_distance_score',
  'fees_usd',
  'il_usd',
  'fees_vs_il_score',
  'score',
  'note',
] as const;

/** The SQL of position health: histories and positions from step 1's tables, the result table. */
export class PositionHealthRepository {
  constructor(private readonly pool: Pool) {}

  /** Every attributed event of each position up to and including its point, in chain order, by position key. */
  async histories(requests: readonly ({ positionManager: string; tokenId: string } & ChainPoint)[]): Promise<Map<string, TimedHistoryEvent[]>> {
    const out = new Map<string, TimedHistoryEvent[]>();
    if (requests.length === 0) return out;
    const { rows } = await this.pool.query(
      `SELECT a.position_manager, a.token_id, a.id, a.block_number, a.log_index, a.timestamp, a.event_type,
              a.liquidity_delta::text AS liquidity_delta, a.amount0::text AS amount0, a.amount1::text AS amount1
         FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) AS k(m, t, b, l)
         CROSS JOIN LATERAL (
           -- OFFSET 0 keeps one index lookup per position (docs/profiling.md).
           SELECT * FROM attributed_event a
            WHERE a.position_manager = k.m AND a.token_id = k.t AND (a.block_number, a.log_index) <= (k.b, k.l) OFFSET 0) a
        ORDER BY a.position_manager, a.token_id, a.block_number, a.log_index`,
      [
        requests.map((r) => r.positionManager.toLowerCase()),
        requests.map((r) => r.tokenId),
        requests.map((r) => r.blockNumber),
        requests.map((r) => r.logIndex),
      ],
    );
    for (const r of rows) {
      const key = positionKey(r.position_manager, r.token_id);
      const list = out.get(key) ?? [];
      list.push({
        id: r.id,
        blockNumber: r.block_number,
        logIndex: r.log_index,
        timestamp: r.timestamp,
        eventType: r.event_type,
        liquidityDelta: r.liquidity_delta,
        amount0: r.amount0,
        amount1: r.amount1,
      });
      out.set(key, list);
    }
    return out;
  }

  /** One keyset page of the positions attribution has registered, after `after`, in key order. */
  async positions(after: { positionManager: string; tokenId: string } | undefined, limit: number): Promise<RegisteredPosition[]> {
    const select = `SELECT position_manager, token_id, pool, token0, token1, tick_lower, tick_upper FROM position_registry`;
    const { rows } = after
      ? await this.pool.query(`${select} WHERE (position_manager, token_id) > ($1, $2) ORDER BY position_manager, token_id LIMIT $3`, [
          after.positionManager,
          after.tokenId,
          limit,
        ])
      : await this.pool.query(`${select} ORDER BY position_manager, token_id LIMIT $1`, [limit]);
    return rows.map((r) => ({
      positionManager: r.position_manager,
      tokenId: r.token_id,
      pool: r.pool,
      token0: r.token0,
      token1: r.token1,
      tickLower: r.tick_lower,
      tickUpper: r.tick_upper,
    }));
  }

  async write(db: Queryable, rows: readonly PositionHealthRow[]): Promise<void> {
    await upsertRows(db, { table: 'position_health', columns: COLUMNS, conflict: ['position_manager', 'token_id', 'as_of'], update: 'all', rows });
  }
}
