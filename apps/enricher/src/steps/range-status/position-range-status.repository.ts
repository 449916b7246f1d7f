import type { Pool } from 'pg';
import { upsertRows, type Queryable } from '@lib/db';
import type { ChainPoint } from '@lib/pricing';
import { positionKey } from '@lib/position';

/** A row of `position_range_status`: one per position event. */
export interface PositionRangeStatusRow {
  id: string;
  position_manager: string;
  token_id: string;
  pool: string;
  block_number: number;
  log_index: number;
  timestamp: number;
  tick: number;
  tick_lower: number;
  tick_upper: number;
  status: 'IN_RANGE' | 'OUT_OF_RANGE';
  seconds_in_range: number;
  seconds_open: number;
}

/** Where a position's time starts: its MINT (or, when the history lacks it, its first known event). */
export interface PositionOpening extends ChainPoint {
  timestamp: number;
}

const COLUMNS = [
  'id',
  'position_manager',
  'token_id',
  'pool',
  'block_number',
  'log_index',
  'timestamp',
  'tick',
  'tick_lower',
  'tick_upper',
  'status',
  'seconds_in_range',
  'seconds_open',
] as const;

/** The SQL of range status: openings from attributed_event, rows out (tick changes: pool-tick-timelines.ts). */
export class PositionRangeStatusRepository {
  constructor(private readonly pool: Pool) {}

  /** Each position's opening, by position key, in one query. */
  async openings(positions: { positionManager: string; tokenId: string }[]): Promise<Map<string, PositionOpening>> {
    const out = new Map<string, PositionOpening>();
    if (positions.length === 0) return out;
    const { rows } = await this.pool.query(
      // Per position its first MINT (else first event): an index lookup each (docs/profiling.md).
      `SELECT k.m AS position_manager, k.t AS token_id, o.block_number, o.log_index, o.timestamp
         FROM unnest($1::text[], $2::text[]) AS k(m, t)
         CROSS JOIN LATERAL (
           SELECT a.block_number, a.log_index, a.timestamp FROM attributed_event a
            WHERE a.position_manager = k.m AND a.token_id = k.t
            ORDER BY (a.event_type <> 'MINT'), a.block_number, a.log_index LIMIT 1) o`,
      [positions.map((p) => p.positionManager), positions.map((p) => p.tokenId)],
    );
    for (const r of rows) out.set(positionKey(r.position_manager, r.token_id), { blockNumber: r.block_number, logIndex: r.log_index, timestamp: r.timestamp });
    return out;
  }

  async write(db: Queryable, rows: PositionRangeStatusRow[]): Promise<void> {
    await upsertRows(db, { table: 'position_range_status', columns: COLUMNS, conflict: ['id'], update: 'all', rows });
  }
}
