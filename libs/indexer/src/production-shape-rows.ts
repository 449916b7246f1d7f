/**
 * The production shape (pure): a window's decoded logs → exactly the rows the original
 * system's writer left in production (DESIGN.md §2; docs/indexer.md, "Two shapes"):
 *
 * - "PositionEvent": INCREASE, DECREASE, COLLECT only (no MINT, no BURN: creation and burn
 *   are the "PositionTransfer" rows from / to the zero address, the first INCREASE is the
 *   mint); `pool` 'unknown'; `sender`, `owner`, ticks, `"sqrtPriceX96"`, `"price1Per0"`,
 *   `"usdValue"`, `metadata` NULL; DECREASE `"liquidityDelta"` positive;
 * - "PositionEvent" and "PositionTransfer" `timestamp`: the timestamp of the middle block of
 *   the row's stamp window (`StampPlan`), not its own block's; block number and log index true;
 *   "PositionTransfer" `metadata` NULL, `"nfpmAddress"` the manager;
 * - "PoolEvent": Swap, Mint, Burn, Collect of the known pools at their block's time, and the
 *   factory's PoolCreated logs (`pool` = the factory, every decoded field NULL); no Initialize
 *   or Flash rows (nor SetFeeProtocol / CollectProtocol, which the indexer never scans);
 * - "Pool": as in the full shape;
 * - with `quirks`, a deterministic handful of what other scripts left (`QUIRKS`).
 */
import { getAddress } from 'viem';
import { quirkHits, stampBlockOf, type QuirkOptions, type ShapeContext, type ShapedRows, type StampPlan, type WindowLogs } from './index-shape';
import { logPosition, logRowId, skippedLog, type LogPosition, type SkippedLog } from './log-position';
import { poolRowsOf } from './full-shape-rows';
import type { PoolCreatedLog } from './pool-created-log-rows';
import { poolLogRow, type PoolLog, NO_FACTS } from './pool-log-rows';
import { compareChainOrder } from './position-manager-log-rows';
import { UNKNOWN_POOL, type PoolEventRow, type PoolRow, type ProductionPositionEventRow, type PositionTransferRow } from './source-rows';

export interface ProductionShapeContext extends ShapeContext {
  /** The stamp windows; `timestamps` must hold each needed middle block (`productionShapeTimestampBlocks`). */
  stampPlan: StampPlan;
  /** Quirks to inject; none when undefined. `indexedAt` (epoch seconds) is required with them. */
  quirks?: QuirkOptions & { indexedAt: number };
}

/** The pool logs production has rows of. */
const PRODUCTION_POOL_EVENTS: ReadonlySet<string> = new Set(['Swap', 'Mint', 'Burn', 'Collect']);

/** The pool event of a manager event's own pool call, in the same transaction just before it. */
const POOL_EVENT_OF: Record<ProductionPositionEventRow['eventType'], string> = { INCREASE: 'Mint', DECREASE: 'Burn', COLLECT: 'Collect' };

/** The blocks whose timestamps the production shape needs: pool and factory logs' blocks, and each manager log's stamp block. */
export function productionShapeTimestampBlocks(logs: WindowLogs, plan: StampPlan): number[] {
  const blocks: number[] = [];
  for (const log of [...logs.pool, ...logs.poolCreated]) if (log.blockNumber !== null) blocks.push(Number(log.blockNumber));
  for (const log of logs.manager) if (log.blockNumber !== null) blocks.push(stampBlockOf(Number(log.blockNumber), plan));
  return blocks;
}

export function productionShapeRows(logs: WindowLogs, context: ProductionShapeContext): ShapedRows {
  const skipped: SkippedLog[] = [];
  const pools = poolRowsOf(logs, context, skipped).map((pool) => quirkPool(pool, context.quirks));

  const positionEvents: ProductionPositionEventRow[] = [];
  const positionTransfers: PositionTransferRow[] = [];
  for (const log of [...logs.manager].sort(compareChainOrder)) {
    const position = logPosition(log);
    if ('reason' in position) {
      skipped.push(skippedLog(log, position.reason));
      continue;
    }
    const stampBlock = stampBlockOf(position.blockNumber, context.stampPlan);
    const stamp = context.timestamps.get(stampBlock);
    if (stamp === undefined) {
      skipped.push(skippedLog(log, `no timestamp for stamp block ${stampBlock}`));
      continue;
    }
    switch (log.eventName) {
      case 'IncreaseLiquidity':
      case 'DecreaseLiquidity':
        positionEvents.push(
          positionEventRow(position, stamp, log.args.tokenId, log.eventName === 'IncreaseLiquidity' ? 'INCREASE' : 'DECREASE', {
            // The production writer stored the liquidity as the log has it: DECREASE positive.
            liquidityDelta: log.args.liquidity.toString(),
            amount0: log.args.amount0.toString(),
            amount1: log.args.amount1.toString(),
          }),
        );
        break;
      case 'Collect':
        positionEvents.push(
          positionEventRow(position, stamp, log.args.tokenId, 'COLLECT', {
            recipient: log.args.recipient.toLowerCase(),
            amount0: log.args.amount0.toString(),
            amount1: log.args.amount1.toString(),
          }),
        );
        break;
      case 'Transfer':
        positionTransfers.push({
          id: position.id,
          tokenId: log.args.tokenId.toString(),
          from: log.args.from.toLowerCase(),
          to: log.args.to.toLowerCase(),
          blockNumber: position.blockNumber,
          txHash: position.txHash,
          logIndex: position.logIndex,
          timestamp: stamp,
          metadata: null,
          nfpmAddress: position.address,
        });
        break;
      default: {
        const unknown = log as { eventName?: string };
        skipped.push(skippedLog(log, `not a position manager event: ${String(unknown.eventName)}`));
      }
    }
  }

  const poolEvents: PoolEventRow[] = [];
  for (const log of logs.poolCreated) {
    const row = poolCreatedEventRow(log, context.timestamps);
    if ('reason' in row) skipped.push(row);
    else poolEvents.push(row);
  }
  for (const log of logs.pool) {
    if (!PRODUCTION_POOL_EVENTS.has(log.eventName)) continue; // Initialize, Flash: production has none
    const row = poolLogRow(log, context.timestamps);
    if ('reason' in row) skipped.push(row);
    else poolEvents.push(row);
  }
  poolEvents.sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);

  if (context.quirks) {
    const quirks = context.quirks;
    return {
      pools,
      positionEvents: quirkPositionEvents(positionEvents, logs.pool, quirks),
      positionTransfers,
      poolEvents: poolEvents.map((row) => quirkPoolEvent(row, quirks)),
      skipped,
    };
  }
  return { pools, positionEvents, positionTransfers, poolEvents, skipped };
}

type EventFacts = Partial<Pick<ProductionPositionEventRow, 'recipient' | 'liquidityDelta' | 'amount0' | 'amount1'>>;

function positionEventRow(
  position: LogPosition,
  timestamp: number,
  tokenId: bigint,
  eventType: ProductionPositionEventRow['eventType'],
  facts: EventFacts,
): ProductionPositionEventRow {
  return {
    id: position.id,
    tokenId: tokenId.toString(),
    pool: UNKNOWN_POOL,
    blockNumber: position.blockNumber,
    txHash: position.txHash,
    logIndex: position.logIndex,
    timestamp,
    eventType,
    sender: null,
    owner: null,
    recipient: facts.recipient ?? null,
    tickLower: null,
    tickUpper: null,
    tick: null,
    liquidityDelta: facts.liquidityDelta ?? null,
    amount0: facts.amount0 ?? null,
    amount1: facts.amount1 ?? null,
    sqrtPriceX96: null,
    price1Per0: null,
    usdValue: null,
    metadata: null,
  };
}

/** A factory's PoolCreated log as the production writer stored it: the emitter as `pool`, nothing decoded. */
function poolCreatedEventRow(log: PoolCreatedLog, timestamps: ReadonlyMap<number, number>): PoolEventRow | SkippedLog {
  const position = logPosition(log);
  if ('reason' in position) return skippedLog(log, position.reason);
  const timestamp = timestamps.get(position.blockNumber);
  if (timestamp === undefined) return skippedLog(log, `no timestamp for block ${position.blockNumber}`);
  return {
    id: position.id,
    pool: position.address,
    blockNumber: position.blockNumber,
    txHash: position.txHash,
    logIndex: position.logIndex,
    timestamp,
    eventName: 'PoolCreated',
    ...NO_FACTS,
  };
}

function quirkPool(pool: PoolRow, quirks: ProductionShapeContext['quirks']): PoolRow {
  if (!quirks || !quirkHits('pool-null-metadata', pool.address, quirks.rates)) return pool;
  return { ...pool, token0Symbol: null, token1Symbol: null, token0Name: null, token1Name: null, token0Decimals: null, token1Decimals: null };
}

function quirkPoolEvent(row: PoolEventRow, quirks: NonNullable<ProductionShapeContext['quirks']>): PoolEventRow {
  let out = row;
  if (row.eventName !== 'PoolCreated' && quirkHits('unknown-event', row.id, quirks.rates)) out = { ...out, eventName: 'Unknown', ...NO_FACTS };
  if (quirkHits('indexed-at-timestamp', row.id, quirks.rates)) out = { ...out, timestamp: quirks.indexedAt };
  return out;
}

/** The pool a manager event acted on: its transaction's pool log of the matching kind just before it. */
function poolOfEvent(row: ProductionPositionEventRow, poolLogs: readonly PoolLog[]): string | undefined {
  let best: PoolLog | undefined;
  for (const log of poolLogs) {
    if (log.transactionHash?.toLowerCase() !== row.txHash || log.logIndex === null || log.logIndex >= row.logIndex) continue;
    if (log.eventName !== POOL_EVENT_OF[row.eventType]) continue;
    if (!best || log.logIndex > best.logIndex!) best = log;
  }
  return best?.address;
}

function quirkPositionEvents(
  rows: readonly ProductionPositionEventRow[],
  poolLogs: readonly PoolLog[],
  quirks: NonNullable<ProductionShapeContext['quirks']>,
): ProductionPositionEventRow[] {
  const out = rows.map((row) => {
    let quirked = row;
    if (quirkHits('checksummed-pool', row.id, quirks.rates)) {
      const pool = poolOfEvent(row, poolLogs);
      if (pool !== undefined) quirked = { ...quirked, pool: getAddress(pool) };
    }
    if (row.eventType === 'COLLECT' && quirkHits('collect-zero-delta', row.id, quirks.rates)) quirked = { ...quirked, liquidityDelta: '0' };
    if (quirkHits('usd-value-zero', row.id, quirks.rates)) quirked = { ...quirked, usdValue: 0 };
    return quirked;
  });
  // Duplicates with logIndex 0: one per transaction at most, never over a row that has index 0.
  const taken = new Set(rows.filter((r) => r.logIndex === 0).map((r) => r.txHash));
  for (const row of [...out]) {
    if (row.logIndex === 0 || taken.has(row.txHash) || !quirkHits('duplicate-log-index-0', row.id, quirks.rates)) continue;
    taken.add(row.txHash);
    out.push({ ...row, id: logRowId(row.txHash, 0), logIndex: 0 });
  }
  return out;
}
