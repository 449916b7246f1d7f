import { createHash } from 'node:crypto';

/**
 * Where the dataset's history sits in (made-up) chain time: Flare-like block numbers, a
 * 1.8 s block time, genesis of the activity at 2025-01-01T00:00Z (the local chain's too,
 * so rFLR months start on chain days). Transaction hashes are SHA-256 of seed, block and
 * index: unique and reproducible, and no real chain's.
 */
export const START_BLOCK = 30_000_000;
export const START_TIMESTAMP = 1_735_689_600;

/** Strictly increasing in the block number: consecutive blocks are at least 1 s apart. */
export function blockTimestamp(blockNumber: number): number {
  if (!Number.isInteger(blockNumber) || blockNumber < START_BLOCK) throw new RangeError(`block ${blockNumber} is before the dataset's start`);
  return START_TIMESTAMP + Math.floor(((blockNumber - START_BLOCK) * 18) / 10);
}

export function transactionHash(seed: number, blockNumber: number, txIndex: number): string {
  return `0x${createHash('sha256').update(`${seed}:${blockNumber}:${txIndex}`).digest('hex')}`;
}
