/**
 * The two shapes the indexer can write (docs/indexer.md, "Two shapes"):
 *
 * - `full`: every log as it is, each row stamped with its own block's time, MINT and BURN
 *   rows, metadata naming the manager (what a user indexing from scratch gets);
 * - `production`: exactly the rows the original system's writer left in production
 *   (DESIGN.md §2): INCREASE/DECREASE/COLLECT only, positive DECREASE deltas, position rows
 *   stamped with the time of their stamp window's middle block, PoolCreated rows, no
 *   Initialize/Flash rows, optional quirks.
 *
 * One pure mapping per shape from a window's decoded logs to its rows:
 * `fullShapeRows` (full-shape-rows.ts) and `productionShapeRows` (production-shape-rows.ts).
 */
import type { SkippedLog } from './log-position';
import type { PoolCreatedLog, TokenMetadataByAddress } from './pool-created-log-rows';
import type { PoolLog } from './pool-log-rows';
import type { PositionManagerLog } from './position-manager-log-rows';
import type { AnyPositionEventRow, PoolEventRow, PoolRow, PositionTransferRow } from './source-rows';

export const INDEX_SHAPES = ['full', 'production'] as const;
export type IndexShape = (typeof INDEX_SHAPES)[number];

export function isIndexShape(value: string): value is IndexShape {
  return (INDEX_SHAPES as readonly string[]).includes(value);
}

/** Blocks per stamp window of the production shape when none is given. */
export const DEFAULT_STAMP_WINDOW = 1000;

/** The decoded logs of one scan window, as `scanWindow` collects them. */
export interface WindowLogs {
  /** The factory's PoolCreated logs. */
  poolCreated: readonly PoolCreatedLog[];
  /** The position manager's IncreaseLiquidity, DecreaseLiquidity, Collect and Transfer logs. */
  manager: readonly PositionManagerLog[];
  /** The known pools' logs. */
  pool: readonly PoolLog[];
}

/** The rows of one scan window, in either shape. */
export interface ShapedRows {
  pools: PoolRow[];
  positionEvents: AnyPositionEventRow[];
  positionTransfers: PositionTransferRow[];
  poolEvents: PoolEventRow[];
  skipped: SkippedLog[];
}

/** What both shapes' mappings are given beside the logs. */
export interface ShapeContext {
  /** The DEX's name (the full shape's metadata). */
  dex: string;
  /** The tokens of the window's PoolCreated logs (lowercase address → metadata). */
  tokens: TokenMetadataByAddress;
  /** Block number → its timestamp (epoch seconds), for every block the shape needs. */
  timestamps: ReadonlyMap<number, number>;
}

/**
 * The production writer's stamp windows: blocks `anchor + k·size … anchor + (k+1)·size − 1`
 * (the last one cut at `lastBlock`), every position row of a window stamped with the
 * timestamp of its middle block. Anchored at the DEX's history start, not at the scan
 * window, so the stamps do not depend on `--window`, on the RPC's range limit or on resumes;
 * only the last, incomplete window's middle depends on where the run ends (as production's
 * did).
 */
export interface StampPlan {
  anchor: number;
  size: number;
  /** The last block of the run (the chain has it). */
  lastBlock: number;
}

/** The block whose timestamp stamps the rows of `blockNumber` (pure). */
export function stampBlockOf(blockNumber: number, plan: StampPlan): number {
  if (!Number.isSafeInteger(plan.size) || plan.size < 1) throw new RangeError(`stamp window ${plan.size} is not a positive integer`);
  const start = plan.anchor + Math.floor((blockNumber - plan.anchor) / plan.size) * plan.size;
  const end = Math.max(start, Math.min(start + plan.size - 1, plan.lastBlock));
  return start + Math.floor((end - start) / 2);
}

/**
 * The production shape's optional quirks (DESIGN.md §2: what other scripts left in the
 * tables), each applied to the rows a hash of (quirk, row id) selects at its rate: the
 * same rows for any window size, resume or rerun.
 */
export const QUIRKS = [
  /** "PositionEvent".pool = the checksummed address of the pool (from the transaction's pool log). */
  'checksummed-pool',
  /** COLLECT rows with "liquidityDelta" '0' instead of NULL. */
  'collect-zero-delta',
  /** "PositionEvent"."usdValue" 0. */
  'usd-value-zero',
  /** A second copy of a "PositionEvent" row with "logIndex" 0 (id `txHash:0`), at most one per transaction. */
  'duplicate-log-index-0',
  /** "PoolEvent" rows with "eventName" 'Unknown' and every decoded field NULL. */
  'unknown-event',
  /** "PoolEvent" rows stamped with the time they were indexed. */
  'indexed-at-timestamp',
  /** "Pool" rows with NULL symbols, names and decimals. */
  'pool-null-metadata',
] as const;
export type Quirk = (typeof QUIRKS)[number];

/** "A handful of each": about 1 row in 25, and 1 pool in 5 (pools are few). */
export const DEFAULT_QUIRK_RATES: Readonly<Record<Quirk, number>> = {
  'checksummed-pool': 0.04,
  'collect-zero-delta': 0.04,
  'usd-value-zero': 0.04,
  'duplicate-log-index-0': 0.04,
  'unknown-event': 0.04,
  'indexed-at-timestamp': 0.04,
  'pool-null-metadata': 0.2,
};

export interface QuirkOptions {
  /** Share of candidate rows each quirk hits (0..1); default `DEFAULT_QUIRK_RATES`. */
  rates?: Partial<Record<Quirk, number>>;
  /** The "time they were indexed" of `indexed-at-timestamp` (epoch seconds); the run's start by default. */
  indexedAt?: number;
}

/** Every quirk at one rate (`--quirk-rate`). */
export function uniformQuirkRates(rate: number): Record<Quirk, number> {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`quirk rate ${rate} is not between 0 and 1`);
  return Object.fromEntries(QUIRKS.map((q) => [q, rate])) as Record<Quirk, number>;
}

/** FNV-1a (32 bits) of the text, in [0, 1): a stable, seedless pick. */
export function stableFraction(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // One more avalanche round, so ids differing in their last characters spread evenly.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  return (hash >>> 0) / 2 ** 32;
}

/** Whether the quirk hits the row (or pool) with this key. */
export function quirkHits(quirk: Quirk, key: string, rates: Partial<Record<Quirk, number>> | undefined): boolean {
  const rate = rates?.[quirk] ?? DEFAULT_QUIRK_RATES[quirk];
  return rate > 0 && stableFraction(`${quirk}|${key}`) < rate;
}
