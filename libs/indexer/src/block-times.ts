/**
 * `block_time` (migration 0015): the time of every block the source tables mention. Production's
 * "PositionEvent"/"PositionTransfer" timestamps are scan-window middles and some "PoolEvent" rows
 * carry their indexing time, so an event's time is read here, by its block, never from its row.
 *
 * Three writers: `fillBlockTimes` (headers, `eth_getBlockByNumber`, for the blocks nobody wrote:
 * the replay's prepare phase), `blockTimeRows(…, 'indexer')` (our indexer: the timestamps it read
 * anyway) and the scale dataset's loader (`'dataset'`: its own chain clock).
 */
import { upsertRows, type Queryable, type UpsertSpec } from '@lib/db';
import type { ChainClient, RetryOptions } from '@lib/chain';
import { blockTimestampReader, type BlockTimestamps } from './block-timestamps';

export type BlockTimeSource = 'header' | 'indexer' | 'dataset';

export interface BlockTimeRow {
  block_number: number;
  timestamp: number;
  source: BlockTimeSource;
}

/** The source tables whose blocks need a time. */
export const BLOCK_TIME_SOURCE_TABLES = ['"PositionEvent"', '"PositionTransfer"', '"PoolEvent"'] as const;

/** Rows of a block → time map (a block's time never changes: an existing row is kept). */
export function blockTimeRows(times: ReadonlyMap<number, number>, source: BlockTimeSource): BlockTimeRow[] {
  return [...times].map(([block_number, timestamp]) => ({ block_number, timestamp, source }));
}

export function blockTimeUpsert(rows: readonly BlockTimeRow[]): UpsertSpec<BlockTimeRow> {
  return { table: 'block_time', columns: ['block_number', 'timestamp', 'source'], conflict: ['block_number'], update: 'nothing', rows };
}

/** Writes block times in chunks of `chunkSize` (one upsert each); returns the rows inserted. */
export async function writeBlockTimes(db: Queryable, rows: readonly BlockTimeRow[], chunkSize = 50_000): Promise<number> {
  let written = 0;
  for (let i = 0; i < rows.length; i += chunkSize) written += await upsertRows(db, blockTimeUpsert(rows.slice(i, i + chunkSize)));
  return written;
}

/** The distinct blocks of the source tables that have no `block_time` row, ascending. */
export async function blocksWithoutTime(db: Queryable): Promise<number[]> {
  const union = BLOCK_TIME_SOURCE_TABLES.map((t) => `SELECT DISTINCT "blockNumber" AS b FROM ${t}`).join(' UNION ');
  const { rows } = (await db.query(`SELECT s.b FROM (${union}) s WHERE NOT EXISTS (SELECT 1 FROM block_time bt WHERE bt.block_number = s.b) ORDER BY s.b`)) as {
    rows: { b: number }[];
  };
  return rows.map((r) => Number(r.b));
}

export interface FillBlockTimesOptions {
  /** Header reads in flight at once (default 16). */
  concurrency?: number;
  /** Blocks per chunk: read, then written by one upsert (default 1000). */
  chunkSize?: number;
  /** Retries of a header read (the chain's retry helper; transient errors only). */
  retry?: RetryOptions;
  /** A reader to reuse (its cache); default a fresh `blockTimestampReader` over `client`. */
  reader?: BlockTimestamps;
  onChunk?: (progress: { filled: number; missing: number }) => void;
  /** The blocks without a time when the caller has just read them (`blocksWithoutTime`); read here otherwise. */
  missing?: readonly number[];
}

export interface FillBlockTimesResult {
  /** Blocks that had no time when the fill started. */
  missing: number;
  /** Rows written from headers. */
  filled: number;
  elapsedMs: number;
}

/** Error of a fill that could not read the headers: how many blocks still lack a time. */
export class BlockTimesUnavailableError extends Error {
  constructor(
    readonly missing: number,
    readonly filled: number,
    cause: unknown,
  ) {
    super(
      `${missing - filled} of ${missing} source blocks have no block time and their headers could not be read: ${(cause as Error)?.message ?? String(cause)}`,
    );
    this.name = 'BlockTimesUnavailableError';
  }
}

/**
 * Finds the source blocks without a time and writes them from block headers (any full node has
 * them), a chunk at a time, at most `concurrency` reads in flight, each read retried on transient
 * errors. A chunk is written as soon as it is read, so a failed fill keeps what it got.
 */
export async function fillBlockTimes(db: Queryable, client: ChainClient, options: FillBlockTimesOptions = {}): Promise<FillBlockTimesResult> {
  const started = Date.now();
  const missing = options.missing ?? (await blocksWithoutTime(db));
  const reader = options.reader ?? blockTimestampReader(client, { concurrency: options.concurrency ?? 16, retry: options.retry });
  const chunkSize = options.chunkSize ?? 1000;
  let filled = 0;
  for (let i = 0; i < missing.length; i += chunkSize) {
    const chunk = missing.slice(i, i + chunkSize);
    let times: Map<number, number>;
    try {
      times = await reader.of(chunk);
    } catch (error) {
      throw new BlockTimesUnavailableError(missing.length, filled, error);
    }
    await upsertRows(db, blockTimeUpsert(blockTimeRows(times, 'header')));
    filled += chunk.length;
    options.onChunk?.({ filled, missing: missing.length });
  }
  return { missing: missing.length, filled, elapsedMs: Date.now() - started };
}
