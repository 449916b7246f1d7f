/**
 * Logs the RPC returned that did not decode against the ABI. `getLogsWindowed` (viem's
 * strict `parseEventLogs`) drops such logs silently; the indexer reports and counts them
 * instead, with the decoder's reason (pure).
 */
import { decodeEventLog, hexToNumber, type AbiEvent, type Hex } from 'viem';
import { logRowId, type SkippedLog } from './log-position';

/** A log as `eth_getLogs` returns it (hex quantities). */
export interface RpcLog {
  address: string;
  topics: readonly Hex[];
  data: Hex;
  blockNumber: Hex | null;
  transactionHash: Hex | null;
  logIndex: Hex | null;
  removed?: boolean;
}

function idOf(txHash: string | null, logIndex: number | null): string | null {
  return txHash === null || logIndex === null ? null : logRowId(txHash.toLowerCase(), logIndex);
}

function decodeFailure(log: RpcLog, events: readonly AbiEvent[]): string {
  if (log.topics.length === 0) return 'anonymous log (no topics)';
  try {
    decodeEventLog({ abi: events, topics: log.topics as [Hex, ...Hex[]], data: log.data, strict: true });
    return 'decodable, but missing from the decoded page';
  } catch (error) {
    const e = error as { shortMessage?: string; message?: string };
    return `cannot decode: ${(e.shortMessage ?? e.message ?? String(error)).split('\n')[0]}`;
  }
}

/** The raw logs without a decoded counterpart, each with why it did not decode. */
export function undecodableLogs(
  raw: readonly RpcLog[],
  decoded: readonly { transactionHash: string | null; logIndex: number | null }[],
  events: readonly AbiEvent[],
): SkippedLog[] {
  const seen = new Set(decoded.map((log) => idOf(log.transactionHash, log.logIndex)));
  const skipped: SkippedLog[] = [];
  for (const log of raw) {
    if (log.removed) continue; // reorged away: not part of the chain
    const logIndex = log.logIndex === null ? null : hexToNumber(log.logIndex);
    const id = idOf(log.transactionHash, logIndex);
    if (id !== null && seen.has(id)) continue;
    skipped.push({
      id: id ?? '(pending)',
      address: log.address.toLowerCase(),
      blockNumber: log.blockNumber === null ? null : hexToNumber(log.blockNumber),
      eventName: null,
      reason: decodeFailure(log, events),
    });
  }
  return skipped;
}
