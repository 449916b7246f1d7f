/**
 * The full shape (pure): a window's decoded logs → rows, every log as it is (docs/indexer.md,
 * "Mapping"). Built from the per-event mappings `poolCreatedLogRow`, `positionManagerLogRows`
 * and `poolLogRow`, which the synthetic dataset (libs/dataset) also uses.
 */
import type { ShapeContext, ShapedRows, WindowLogs } from './index-shape';
import { isSkippedLog, type SkippedLog } from './log-position';
import { poolCreatedLogRow } from './pool-created-log-rows';
import { poolLogRow } from './pool-log-rows';
import { positionManagerLogRows } from './position-manager-log-rows';
import type { PoolEventRow, PoolRow } from './source-rows';

/** "Pool" rows of the window's PoolCreated logs (the same in both shapes, quirks aside). */
export function poolRowsOf(logs: WindowLogs, context: ShapeContext, skipped: SkippedLog[]): PoolRow[] {
  const pools: PoolRow[] = [];
  for (const log of logs.poolCreated) {
    const row = poolCreatedLogRow(log, context.tokens);
    if (isSkippedLog(row)) skipped.push(row);
    else pools.push(row);
  }
  return pools;
}

export function fullShapeRows(logs: WindowLogs, context: ShapeContext): ShapedRows {
  const skipped: SkippedLog[] = [];
  const pools = poolRowsOf(logs, context, skipped);
  const positions = positionManagerLogRows(logs.manager, { dex: context.dex, timestamps: context.timestamps });
  skipped.push(...positions.skipped);
  const poolEvents: PoolEventRow[] = [];
  for (const log of logs.pool) {
    const row = poolLogRow(log, context.timestamps);
    if (isSkippedLog(row)) skipped.push(row);
    else poolEvents.push(row);
  }
  poolEvents.sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
  return { pools, positionEvents: positions.positionEvents, positionTransfers: positions.transfers, poolEvents, skipped };
}

/** The blocks whose timestamps the full shape needs: every manager and pool log's. */
export function fullShapeTimestampBlocks(logs: WindowLogs): number[] {
  return [...logs.manager, ...logs.pool].flatMap((log) => (log.blockNumber === null ? [] : [Number(log.blockNumber)]));
}
