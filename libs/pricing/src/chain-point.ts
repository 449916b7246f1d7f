/**
 * A place in chain order. Logs are totally ordered by (blockNumber, logIndex); "as of an
 * event" means after every log ordered strictly before it, so an event never sees itself
 * (a swap is priced at the pool state it started from, not the one it produced).
 */
export interface ChainPoint {
  blockNumber: number;
  logIndex: number;
}

/** Negative, zero or positive as a is before, at or after b. */
export function compareChainPoints(a: ChainPoint, b: ChainPoint): number {
  return a.blockNumber - b.blockNumber || a.logIndex - b.logIndex;
}

/** True when a is strictly before b: a log at `a` is part of the state "as of" b. */
export function isBefore(a: ChainPoint, b: ChainPoint): boolean {
  return compareChainPoints(a, b) < 0;
}

/**
 * The point right after every log of `blockNumber` (for "as of the end of block b", e.g. a
 * day-end snapshot): the first log of the next block is the first one it does not see.
 */
export function endOfBlock(blockNumber: number): ChainPoint {
  return { blockNumber: blockNumber + 1, logIndex: 0 };
}

/** "block:logIndex", for cache keys and messages. */
export function chainPointKey(point: ChainPoint): string {
  return `${point.blockNumber}:${point.logIndex}`;
}

const MAX_INT32 = 2 ** 31 - 1;

/** Throws unless both parts are non-negative integers that fit the int columns of the source tables. */
export function assertChainPoint(point: ChainPoint): void {
  const ok = (n: number) => Number.isInteger(n) && n >= 0 && n <= MAX_INT32;
  if (!ok(point.blockNumber) || !ok(point.logIndex)) {
    throw new RangeError(`not a chain point (non-negative int32 blockNumber and logIndex): ${JSON.stringify(point)}`);
  }
}
