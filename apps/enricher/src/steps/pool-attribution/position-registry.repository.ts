import type { Pool } from 'pg';
import { upsertRows, type Queryable } from '@lib/db';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import { positionKey } from '@lib/position';
import type { AttributedPosition } from './attributed-position';

/** One attributed event to write, with the position it registers when attribution resolved it in this batch. */
export interface AttributionRow {
  event: AttributedPositionEventRecord;
  newPosition?: AttributedPosition;
}

/** The position registry and the source rows' pool column: the SQL of pool attribution. */
export class PositionRegistryRepository {
  constructor(private readonly pool: Pool) {}

  async find(keys: { positionManager: string; tokenId: string }[]): Promise<Map<string, AttributedPosition>> {
    const out = new Map<string, AttributedPosition>();
    if (keys.length === 0) return out;
    const { rows } = await this.pool.query(
      `SELECT r.* FROM position_registry r
         JOIN unnest($1::text[], $2::text[]) AS k(m, t) ON r.position_manager = k.m AND r.token_id = k.t`,
      [keys.map((k) => k.positionManager), keys.map((k) => k.tokenId)],
    );
    for (const r of rows) {
      const p: AttributedPosition = {
        positionManager: r.position_manager,
        tokenId: r.token_id,
        dex: r.dex,
        pool: r.pool,
        token0: r.token0,
        token1: r.token1,
        fee: r.fee,
        tickLower: r.tick_lower,
        tickUpper: r.tick_upper,
        source: r.source,
      };
      out.set(positionKey(p.positionManager, p.tokenId), p);
    }
    return out;
  }

  /**
   * Registers new positions and writes each event's pool, in the runtime's one transaction.
   * The pool is written wherever it differs (not only over 'unknown'): the original backfill
   * wrote wrong pools for token ids that exist on both DEXes, and the emitting manager
   * settles it.
   */
  async write(client: Queryable, rows: readonly AttributionRow[]): Promise<void> {
    const positions = rows.flatMap((r) => (r.newPosition ? [r.newPosition] : []));
    const events = rows.map((r) => r.event);
    const eventPools = events.map((e) => ({ id: e.id, pool: e.pool }));
    await upsertRows(client, {
      table: 'position_registry',
      columns: ['position_manager', 'token_id', 'dex', 'pool', 'token0', 'token1', 'fee', 'tick_lower', 'tick_upper', 'source'],
      conflict: ['position_manager', 'token_id'],
      update: 'nothing',
      rows: positions.map((p) => ({
        position_manager: p.positionManager,
        token_id: p.tokenId,
        dex: p.dex,
        pool: p.pool,
        token0: p.token0,
        token1: p.token1,
        fee: p.fee,
        tick_lower: p.tickLower,
        tick_upper: p.tickUpper,
        source: p.source,
      })),
    });
    await upsertRows(client, {
      table: 'attributed_event',
      columns: [
        'id',
        'position_manager',
        'token_id',
        'dex',
        'pool',
        'block_number',
        'log_index',
        'timestamp',
        'event_type',
        'liquidity_delta',
        'amount0',
        'amount1',
        'recipient',
        'owner',
      ],
      conflict: ['id'],
      update: 'all',
      rows: events.map((e) => ({
        id: e.id,
        position_manager: e.positionManager,
        token_id: e.tokenId,
        dex: e.dex,
        pool: e.pool,
        block_number: e.blockNumber,
        log_index: e.logIndex,
        timestamp: e.timestamp,
        event_type: e.eventType,
        liquidity_delta: e.liquidityDelta,
        amount0: e.amount0,
        amount1: e.amount1,
        recipient: e.recipient,
        owner: e.owner,
      })),
    });
    if (eventPools.length > 0) {
      await client.query(
        `UPDATE "PositionEvent" e SET pool = v.pool
           FROM unnest($1::text[], $2::text[]) AS v(id, pool)
          WHERE e.id = v.id AND e.pool IS DISTINCT FROM v.pool`,
        [eventPools.map((x) => x.id), eventPools.map((x) => x.pool)],
      );
    }
  }
}
