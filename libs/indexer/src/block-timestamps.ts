/**
 * Block timestamps for the rows' `timestamp` column: each block is asked once (cached),
 * a few at a time, transient RPC errors retried.
 */
import { memoize, retry, type ChainClient, type RetryOptions } from '@lib/chain';
import { mapConcurrently } from './map-concurrently';

export interface BlockTimestamps {
  /** Block number → epoch seconds, for every given block. */
  of(blockNumbers: Iterable<number>): Promise<Map<number, number>>;
}

export function blockTimestampReader(client: ChainClient, options: { concurrency?: number; retry?: RetryOptions } = {}): BlockTimestamps {
  const timestampOf = memoize(
    (blockNumber: number) =>
      retry(async () => {
        const block = await client.getBlock({ blockNumber: BigInt(blockNumber), includeTransactions: false });
        return Number(block.timestamp);
      }, options.retry),
    (blockNumber) => String(blockNumber),
    // Windows are scanned in order: a block is not asked for again once its window is written.
    { maxEntries: 20_000 },
  );
  return {
    async of(blockNumbers) {
      const blocks = [...new Set(blockNumbers)];
      const times = await mapConcurrently(blocks, options.concurrency ?? 16, timestampOf);
      return new Map(blocks.map((block, i) => [block, times[i]]));
    },
  };
}
