/**
 * Where a log sits in the chain, checked: a row needs its block, transaction and index,
 * and a pending or malformed log without them is skipped, never written half-known.
 */
export interface LogPositionFields {
  address: string;
  blockNumber: bigint | null;
  transactionHash: string | null;
  logIndex: number | null;
}

export interface LogPosition {
  /** The emitting contract, lowercase. */
  address: string;
  blockNumber: number;
  txHash: string;
  logIndex: number;
  /** The row id of the production tables: `txHash:logIndex`. */
  id: string;
}

/** The row's id (`txHash:logIndex`), as production rows have it. */
export function logRowId(txHash: string, logIndex: number): string {
  return `${txHash}:${logIndex}`;
}

/** The position of a mined log, or why it has none. */
export function logPosition(log: LogPositionFields): LogPosition | { reason: string } {
  if (log.blockNumber === null || log.transactionHash === null || log.logIndex === null) {
    return { reason: 'pending log (no block number, transaction hash or log index)' };
  }
  if (log.blockNumber > BigInt(Number.MAX_SAFE_INTEGER)) return { reason: `block number ${log.blockNumber} out of range` };
  const txHash = log.transactionHash.toLowerCase();
  return {
    address: log.address.toLowerCase(),
    blockNumber: Number(log.blockNumber),
    txHash,
    logIndex: log.logIndex,
    id: logRowId(txHash, log.logIndex),
  };
}

/** A log the indexer did not turn into a row, and why (reported and counted, never fatal). */
export interface SkippedLog {
  /** `txHash:logIndex` when known. */
  id: string;
  address: string;
  blockNumber: number | null;
  eventName: string | null;
  reason: string;
}

export function skippedLog(log: LogPositionFields & { eventName?: string | null }, reason: string): SkippedLog {
  return {
    id: log.transactionHash !== null && log.logIndex !== null ? logRowId(log.transactionHash.toLowerCase(), log.logIndex) : '(pending)',
    address: log.address.toLowerCase(),
    blockNumber: log.blockNumber === null ? null : Number(log.blockNumber),
    eventName: log.eventName ?? null,
    reason,
  };
}

/** Tells a mapping's "skipped" answer from its row. */
export function isSkippedLog(value: object): value is SkippedLog {
  return 'reason' in value;
}
