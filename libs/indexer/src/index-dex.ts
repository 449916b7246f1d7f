/**
 * Indexes one DEX over a block range, window by window: each window's factory, position
 * manager and pool logs become rows written in one transaction together with the
 * checkpoint, so the indexer resumes after the last written window and rewrites nothing
 * differently when it scans blocks again.
 */
import type { Address } from 'viem';
import type { Pool as PgPool } from 'pg';
import {
  growBlockWindow,
  initialBlockWindow,
  nonfungiblePositionManagerEvents,
  retry,
  shrinkBlockWindow,
  uniswapV3FactoryEvents,
  uniswapV3PoolEvents,
  type BlockWindow,
  type ChainClient,
  type RangeErrorNotice,
  type RetryOptions,
} from '@lib/chain';
import { isTransient } from '@lib/common';
import type { BlockTimestamps } from './block-timestamps';
import { dexCheckpointName, readCheckpoint } from './checkpoint';
import type { DexSource } from './dex-source';
import { DEFAULT_STAMP_WINDOW, type IndexShape, type QuirkOptions } from './index-shape';
import { rowCountsOf, TABLES, writeIndexedWindow, type IndexedWindow, type RowCounts } from './indexed-window';
import type { SkippedLog } from './log-position';
import type { PoolCreatedLog } from './pool-created-log-rows';
import type { PoolLog } from './pool-log-rows';
import type { PositionManagerLog } from './position-manager-log-rows';
import { scanLogs } from './scan-logs';
import { shapeWindowRows, type ShapeSettings } from './shape-rows';
import type { TokenMetadataReader } from './token-metadata-reader';

/** Addresses per pool `eth_getLogs`: some RPCs cap the address list. */
export const POOLS_PER_REQUEST = 250;

export interface ChainReaders {
  client: ChainClient;
  timestamps: BlockTimestamps;
  tokens: TokenMetadataReader;
}

export interface IndexDexOptions {
  readers: ChainReaders;
  db: PgPool;
  dex: DexSource;
  /** Last block to index (inclusive). */
  toBlock: number;
  /** Most blocks per window (config `indexerBlockWindow`); shrinks when the RPC refuses a range. */
  window: number;
  /** Stop before the next window when aborted; what is written stays written. */
  signal?: AbortSignal;
  /** Stop after this many windows (tests of resuming). */
  maxWindows?: number;
  retry?: RetryOptions;
  onWindow?: (progress: WindowProgress) => void;
  onSkipped?: (skipped: SkippedLog) => void;
  onRangeError?: (notice: RangeErrorNotice) => void;
  /** Which rows to write (index-shape.ts, docs/indexer.md "Two shapes"): 'full' (default) or 'production'. */
  shape?: IndexShape;
  /** Production shape: blocks per stamp window (default `DEFAULT_STAMP_WINDOW`), anchored at the DEX's `fromBlock`. */
  stampWindow?: number;
  /** Production shape: inject the quirks of DESIGN.md §2 (none when undefined). */
  quirks?: QuirkOptions;
}

export interface WindowProgress {
  dex: string;
  window: IndexedWindow;
  /** Blocks of this run's range done so far. */
  blocksDone: number;
  blocksTotal: number;
}

export interface DexIndexResult {
  dex: string;
  /** First block this run scanned (after the checkpoint), and the last it reached. */
  fromBlock: number;
  toBlock: number;
  /** The checkpoint after the run, null when nothing was ever written. */
  lastBlock: number | null;
  windows: number;
  blocks: number;
  logs: number;
  requests: number;
  /** Rows produced per table (what the logs say). */
  rows: RowCounts;
  /** Rows actually inserted or changed (0 on a re-index of the same blocks). */
  changed: RowCounts;
  skipped: number;
  skippedByReason: Record<string, number>;
  /** True when stopped by the signal or `maxWindows` before `toBlock`. */
  stopped: boolean;
  elapsedMs: number;
}

export function emptyRowCounts(): RowCounts {
  return { Pool: 0, PositionEvent: 0, PositionTransfer: 0, PoolEvent: 0 };
}

function addCounts(into: RowCounts, add: RowCounts): void {
  for (const table of TABLES) into[table] += add[table];
}

/** A fresh connection per attempt: after a lost connection the old one is useless. */
async function writeWindow(db: PgPool, checkpointName: string, indexed: IndexedWindow): Promise<RowCounts> {
  const client = await db.connect();
  try {
    const changed = await writeIndexedWindow(client, checkpointName, indexed);
    client.release();
    return changed;
  } catch (error) {
    client.release(error as Error);
    throw error;
  }
}

async function knownPools(db: PgPool, factory: Address): Promise<string[]> {
  const { rows } = await db.query<{ address: string }>('SELECT lower(address) AS address FROM "Pool" WHERE lower(factory) = lower($1) ORDER BY address', [
    factory,
  ]);
  return rows.map((row) => row.address);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

interface WindowScan {
  readers: ChainReaders;
  dex: DexSource;
  /** Known pools (lowercase); new pools of the window are added to it. */
  pools: Set<string>;
  fromBlock: number;
  toBlock: number;
  window: number;
  retry?: RetryOptions;
  onRangeError: (notice: RangeErrorNotice) => void;
  /** The shape to map the logs to (default: the full shape, stamp plan unused). */
  shape?: ShapeSettings;
}

/** The full shape's settings when none are given (its rows need no stamp plan). */
function fullShapeSettings(scan: WindowScan): ShapeSettings {
  return { shape: 'full', dex: scan.dex.name, stampPlan: { anchor: scan.fromBlock, size: 1, lastBlock: scan.toBlock } };
}

/** Scans and maps one window. Pools come first, so a pool created in the window has its own logs in it too. */
export async function scanWindow(scan: WindowScan): Promise<IndexedWindow> {
  const { readers, dex } = scan;
  const range = {
    client: readers.client,
    fromBlock: BigInt(scan.fromBlock),
    toBlock: BigInt(scan.toBlock),
    window: scan.window,
    retry: scan.retry,
    onRangeError: scan.onRangeError,
  };
  const [created, managed] = await Promise.all([
    scanLogs({ ...range, address: dex.factory, events: uniswapV3FactoryEvents }),
    scanLogs({ ...range, address: dex.positionManager, events: nonfungiblePositionManagerEvents }),
  ]);
  const skipped: SkippedLog[] = [...created.undecodable, ...managed.undecodable];

  const poolCreatedLogs = created.logs as PoolCreatedLog[];
  const tokens = await readers.tokens.read(poolCreatedLogs.flatMap((log) => [log.args.token0, log.args.token1]));
  for (const log of poolCreatedLogs) scan.pools.add(log.args.pool.toLowerCase());

  const poolScans = await Promise.all(
    chunk([...scan.pools].sort(), POOLS_PER_REQUEST).map((addresses) => scanLogs({ ...range, address: addresses as Address[], events: uniswapV3PoolEvents })),
  );
  const poolLogs = poolScans.flatMap((s) => s.logs) as PoolLog[];
  for (const s of poolScans) skipped.push(...s.undecodable);

  const managerLogs = managed.logs as PositionManagerLog[];
  const rows = await shapeWindowRows(
    { poolCreated: poolCreatedLogs, manager: managerLogs, pool: poolLogs },
    tokens,
    readers.timestamps,
    scan.shape ?? fullShapeSettings(scan),
  );
  skipped.push(...rows.skipped);

  return {
    fromBlock: scan.fromBlock,
    toBlock: scan.toBlock,
    pools: rows.pools,
    positionEvents: rows.positionEvents,
    positionTransfers: rows.positionTransfers,
    poolEvents: rows.poolEvents,
    blockTimes: rows.blockTimes,
    logs: poolCreatedLogs.length + managerLogs.length + poolLogs.length,
    skipped,
    requests: created.requests + managed.requests + poolScans.reduce((n, s) => n + s.requests, 0),
  };
}

/**
 * The pools created before a cut history start (`dex.poolsFromBlock` < `dex.fromBlock`): the
 * factory's PoolCreated logs of those blocks → "Pool" rows only, so the pools' events after
 * the cut are scanned and "Pool" is complete, as production's is. Written like a window
 * (its checkpoint is `fromBlock − 1`), so it runs once, on a DEX's first run or after a reset.
 */
export async function scanPoolsBeforeStart(scan: Omit<WindowScan, 'pools'>): Promise<IndexedWindow> {
  const { readers, dex } = scan;
  const created = await scanLogs({
    client: readers.client,
    address: dex.factory,
    events: uniswapV3FactoryEvents,
    fromBlock: BigInt(scan.fromBlock),
    toBlock: BigInt(scan.toBlock),
    window: scan.window,
    retry: scan.retry,
    onRangeError: scan.onRangeError,
  });
  const poolCreatedLogs = created.logs as PoolCreatedLog[];
  const tokens = await readers.tokens.read(poolCreatedLogs.flatMap((log) => [log.args.token0, log.args.token1]));
  const rows = await shapeWindowRows(
    { poolCreated: poolCreatedLogs, manager: [], pool: [] },
    tokens,
    readers.timestamps,
    scan.shape ?? fullShapeSettings({ ...scan, pools: new Set() }),
  );
  return {
    fromBlock: scan.fromBlock,
    toBlock: scan.toBlock,
    pools: rows.pools,
    positionEvents: [],
    positionTransfers: [],
    poolEvents: [], // events before the start are not history: no PoolCreated rows either
    blockTimes: rows.blockTimes,
    logs: poolCreatedLogs.length,
    skipped: [...created.undecodable, ...rows.skipped],
    requests: created.requests,
  };
}

export async function indexDex(options: IndexDexOptions): Promise<DexIndexResult> {
  const started = Date.now();
  const { db, dex } = options;
  const checkpointName = dexCheckpointName(dex.name);
  const checkpoint = await readCheckpoint(db, checkpointName);
  const fromBlock = checkpoint === null ? dex.fromBlock : Math.max(dex.fromBlock, checkpoint + 1);
  const result: DexIndexResult = {
    dex: dex.name,
    fromBlock,
    toBlock: options.toBlock,
    lastBlock: checkpoint,
    windows: 0,
    blocks: 0,
    logs: 0,
    requests: 0,
    rows: emptyRowCounts(),
    changed: emptyRowCounts(),
    skipped: 0,
    skippedByReason: {},
    stopped: false,
    elapsedMs: 0,
  };
  const blocksTotal = Math.max(0, options.toBlock - fromBlock + 1);

  // The window the RPC accepts, learnt from its range errors, so later windows do not fail first.
  let window: BlockWindow = initialBlockWindow(options.window);
  const onRangeError = (notice: RangeErrorNotice) => {
    const span = Number(notice.toBlock - notice.fromBlock + 1n);
    if (span <= window.size) window = shrinkBlockWindow(window, span, notice.nextSize);
    options.onRangeError?.(notice);
  };
  const shape: ShapeSettings = {
    shape: options.shape ?? 'full',
    dex: dex.name,
    stampPlan: { anchor: dex.fromBlock, size: options.stampWindow ?? DEFAULT_STAMP_WINDOW, lastBlock: options.toBlock },
    quirks: options.quirks ? { ...options.quirks, indexedAt: options.quirks.indexedAt ?? Math.floor(started / 1000) } : undefined,
  };

  // History cut after the DEX's first block: the pools created before it first ("Pool" is complete).
  if (checkpoint === null && dex.poolsFromBlock !== undefined && dex.poolsFromBlock < dex.fromBlock) {
    const before = await scanPoolsBeforeStart({
      readers: options.readers,
      dex,
      fromBlock: dex.poolsFromBlock,
      toBlock: dex.fromBlock - 1,
      window: window.size,
      retry: options.retry,
      onRangeError,
      shape,
    });
    const changed = await retry(() => writeWindow(db, checkpointName, before), { ...options.retry, shouldRetry: isTransient });
    result.logs += before.logs;
    result.requests += before.requests;
    addCounts(result.rows, rowCountsOf(before));
    addCounts(result.changed, changed);
    for (const skipped of before.skipped) {
      result.skipped++;
      result.skippedByReason[skipped.reason] = (result.skippedByReason[skipped.reason] ?? 0) + 1;
      options.onSkipped?.(skipped);
    }
  }
  const pools = new Set(await knownPools(db, dex.factory));

  for (let from = fromBlock; from <= options.toBlock;) {
    if (options.signal?.aborted || (options.maxWindows !== undefined && result.windows >= options.maxWindows)) {
      result.stopped = true;
      break;
    }
    const to = Math.min(from + window.size - 1, options.toBlock);
    const indexed = await scanWindow({
      readers: options.readers,
      dex,
      pools,
      fromBlock: from,
      toBlock: to,
      window: window.size,
      retry: options.retry,
      onRangeError,
      shape,
    });
    // Database hiccups (server unreachable or restarting, connection lost, serialization
    // failure: the common classifier's transient errors) are retried like RPC ones; the
    // window transaction is then simply redone.
    const changed = await retry(() => writeWindow(db, checkpointName, indexed), { ...options.retry, shouldRetry: isTransient });

    result.windows++;
    result.blocks += to - from + 1;
    result.logs += indexed.logs;
    result.requests += indexed.requests;
    result.lastBlock = to;
    addCounts(result.rows, rowCountsOf(indexed));
    addCounts(result.changed, changed);
    for (const skipped of indexed.skipped) {
      result.skipped++;
      result.skippedByReason[skipped.reason] = (result.skippedByReason[skipped.reason] ?? 0) + 1;
      options.onSkipped?.(skipped);
    }
    options.onWindow?.({ dex: dex.name, window: indexed, blocksDone: result.blocks, blocksTotal });
    window = growBlockWindow(window);
    from = to + 1;
  }
  result.elapsedMs = Date.now() - started;
  return result;
}
