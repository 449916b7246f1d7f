import type { Pool } from 'pg';
import { upsertRows, type Queryable } from '@lib/db';
import { blocksAtOrBefore, positionKey, type BlockAtTime } from '@lib/position';
import type { SnapshotHistoryEvent } from './position-ledger';
import type { PositionSnapshotRow } from './position-snapshot-row';

/** A position as the registry knows it, with its full attributed history (chain order). */
export interface SnapshotPosition {
  positionManager: string;
  tokenId: string;
  pool: string;
  token0: string;
  token1: string;
  tickLower: number;
  tickUpper: number;
  history: SnapshotHistoryEvent[];
}

/** A burned position: no day-end or as-of snapshot may exist after its burn. */
export interface BurnedPosition {
  positionManager: string;
  tokenId: string;
  burnTime: number;
}

const COLUMNS = [
  'position_manager',
  'token_id',
  'kind',
  'snapshot_time',
  'block_number',
  'log_index',
  'event_id',
  'pool',
  'liquidity',
  'amount0',
  'amount1',
  'price0_usd',
  'price1_usd',
  'value_usd',
  'unclaimed0',
  'unclaimed1',
  'unclaimed_usd',
  'tick',
  'range_status',
  'deposited0',
  'deposited1',
  'withdrawn0',
  'withdrawn1',
  'collected0',
  'collected1',
  'rpc_block',
  'note',
] as const;

const KEY = ['position_manager', 'token_id', 'kind', 'snapshot_time', 'block_number', 'log_index'] as const;

/** The SQL of position snapshots: registry and histories in, the chain time → block map, rows out. */
export class PositionSnapshotsRepository {
  constructor(private readonly pool: Pool) {}

  /** One keyset page of the registered positions' keys, after `after`, in key order. */
  async positionKeys(after: { positionManager: string; tokenId: string } | undefined, limit: number): Promise<{ positionManager: string; tokenId: string }[]> {
    const { rows } = after
      ? await this.pool.query(
          `SELECT position_manager, token_id FROM position_registry WHERE (position_manager, token_id) > ($1, $2) ORDER BY position_manager, token_id LIMIT $3`,
          [after.positionManager, after.tokenId, limit],
        )
      : await this.pool.query(`SELECT position_manager, token_id FROM position_registry ORDER BY position_manager, token_id LIMIT $1`, [limit]);
    return rows.map((r) => ({ positionManager: r.position_manager, tokenId: r.token_id }));
  }

  /**
   * The given registered positions with their whole attributed history, in one query. The
   * whole history, not up to the batch's point: the day ends after an event run up to its
   * next event (snapshot-plan.ts).
   */
  async positions(keys: readonly { positionManager: string; tokenId: string }[]): Promise<Map<string, SnapshotPosition>> {
    // OFFSET 0 keeps one index lookup per position (docs/profiling.md).
    const { rows } = await this.pool.query(
      `SELECT r.position_manager, r.token_id, r.pool, r.token0, r.token1, r.tick_lower, r.tick_upper,
              a.id, a.block_number, a.log_index, a.timestamp, a.event_type,
              a.liquidity_delta::text AS liquidity_delta, a.amount0::text AS amount0, a.amount1::text AS amount1
         FROM unnest($1::text[], $2::text[]) AS k(m, t)
         JOIN position_registry r ON r.position_manager = k.m AND r.token_id = k.t
         LEFT JOIN LATERAL (
           SELECT * FROM attributed_event a WHERE a.position_manager = r.position_manager AND a.token_id = r.token_id OFFSET 0) a ON true
        ORDER BY r.position_manager, r.token_id, a.block_number, a.log_index`,
      [keys.map((k) => k.positionManager.toLowerCase()), keys.map((k) => k.tokenId)],
    );
    const out = new Map<string, SnapshotPosition>();
    for (const r of rows) {
      const key = positionKey(r.position_manager, r.token_id);
      let p = out.get(key);
      if (!p) {
        p = {
          positionManager: r.position_manager,
          tokenId: r.token_id,
          pool: r.pool,
          token0: r.token0,
          token1: r.token1,
          tickLower: r.tick_lower,
          tickUpper: r.tick_upper,
          history: [],
        };
        out.set(key, p);
      }
      if (r.id !== null) {
        p.history.push({
          id: r.id,
          blockNumber: r.block_number,
          logIndex: r.log_index,
          timestamp: r.timestamp,
          eventType: r.event_type,
          liquidityDelta: r.liquidity_delta,
          amount0: r.amount0,
          amount1: r.amount1,
        });
      }
    }
    return out;
  }

  /**
   * For each time, the newest block of the source history with a time at or before it, from
   * `block_time` (`blocksAtOrBefore` of @lib/position: not ok where a block without a time
   * could be the answer). Complete before a run starts, so the answer does not depend on
   * other steps' progress.
   */
  blocksAtOrBefore(times: readonly number[]): Promise<Map<number, BlockAtTime>> {
    return blocksAtOrBefore(this.pool, times);
  }

  /**
   * In the runtime's one transaction: drop block-end snapshots a burn makes impossible (an
   * earlier marker may have computed them before the burn was attributed; idempotent, never
   * a counter), then the batch's rows in one upsert.
   */
  async write(db: Queryable, rows: readonly PositionSnapshotRow[], burned: readonly BurnedPosition[]): Promise<void> {
    if (burned.length > 0) {
      // A day end D reads the block before D (burned iff burn ≤ D − 1); as-of reads at or before it (burned iff burn ≤ as-of).
      await db.query(
        `DELETE FROM position_snapshot s
           USING unnest($1::text[], $2::text[], $3::int[]) AS k(m, t, burn)
          WHERE s.position_manager = k.m AND s.token_id = k.t
            AND ((s.kind = 'day-end' AND s.snapshot_time > k.burn) OR (s.kind = 'as-of' AND s.snapshot_time >= k.burn))`,
        [burned.map((b) => b.positionManager), burned.map((b) => b.tokenId), burned.map((b) => b.burnTime)],
      );
    }
    await upsertRows(db, { table: 'position_snapshot', columns: COLUMNS, conflict: KEY, update: 'all', rows });
  }
}
