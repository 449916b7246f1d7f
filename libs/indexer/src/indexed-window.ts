/** Everything one block window produced, and writing it (the only writer of the indexer). */
import type { PoolClient } from 'pg';
import { upsertRows } from '@lib/db';
import { blockTimeRows, writeBlockTimes } from './block-times';
import { writeCheckpoint } from './checkpoint';
import type { SkippedLog } from './log-position';
import {
  poolEventUpsert,
  poolUpsert,
  positionEventUpsert,
  positionTransferUpsert,
  type AnyPositionEventRow,
  type PoolEventRow,
  type PoolRow,
  type PositionTransferRow,
} from './source-rows';

export interface IndexedWindow {
  fromBlock: number;
  toBlock: number;
  pools: PoolRow[];
  positionEvents: AnyPositionEventRow[];
  positionTransfers: PositionTransferRow[];
  poolEvents: PoolEventRow[];
  /**
   * Block → timestamp of every block whose header the window read (both shapes: the production
   * shape reads the pool logs' blocks and the stamp blocks, not the manager logs' own), written to
   * `block_time` with source 'indexer' — no extra RPC; the replay's prepare phase fills the rest.
   */
  blockTimes: ReadonlyMap<number, number>;
  /** Decoded logs of the window (rows come from them). */
  logs: number;
  skipped: SkippedLog[];
  /** `eth_getLogs` requests the window took. */
  requests: number;
}

export const TABLES = ['Pool', 'PositionEvent', 'PositionTransfer', 'PoolEvent'] as const;
export type IndexedTable = (typeof TABLES)[number];
export type RowCounts = Record<IndexedTable, number>;

export function rowCountsOf(window: IndexedWindow): RowCounts {
  return {
    Pool: window.pools.length,
    PositionEvent: window.positionEvents.length,
    PositionTransfer: window.positionTransfers.length,
    PoolEvent: window.poolEvents.length,
  };
}

/**
 * One transaction per window: one upsert per table (pools first, whose events follow),
 * then the checkpoint. Returns the rows actually inserted or changed per table.
 */
export async function writeIndexedWindow(client: PoolClient, checkpointName: string, window: IndexedWindow): Promise<RowCounts> {
  await client.query('BEGIN');
  try {
    const changed: RowCounts = {
      Pool: await upsertRows(client, poolUpsert(window.pools)),
      PositionEvent: await upsertRows(client, positionEventUpsert(window.positionEvents)),
      PositionTransfer: await upsertRows(client, positionTransferUpsert(window.positionTransfers)),
      PoolEvent: await upsertRows(client, poolEventUpsert(window.poolEvents)),
    };
    await writeBlockTimes(client, blockTimeRows(window.blockTimes, 'indexer'));
    await writeCheckpoint(client, checkpointName, window.toBlock);
    await client.query('COMMIT');
    return changed;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
