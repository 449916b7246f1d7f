import {
  isSkippedLog,
  poolCreatedLogRow,
  poolLogRow,
  positionManagerLogRows,
  type PoolCreatedLog,
  type PoolEventRow,
  type PoolLog,
  type PoolRow,
  type PositionEventRow,
  type PositionManagerLog,
  type PositionTransferRow,
  type TokenMetadataByAddress,
} from '@lib/indexer';
import type { EmittedLog } from './emitted-log';

/** Where a transaction's logs land: its block, time, hash and the block's next free log index. */
export interface TxPlace {
  blockNumber: number;
  timestamp: number;
  txHash: string;
  firstLogIndex: number;
}

export interface PlacedRows {
  pools: PoolRow[];
  poolEvents: PoolEventRow[];
  positionEvents: PositionEventRow[];
  transfers: PositionTransferRow[];
  /** The log index after the transaction's last log. */
  nextLogIndex: number;
}

/**
 * A transaction's emitted logs → the source tables' rows, through the indexer's own pure
 * mappings: a dataset row is exactly what indexing these logs from a chain would write.
 */
export function placeTxLogs(
  logs: readonly EmittedLog[],
  place: TxPlace,
  dexOfManager: ReadonlyMap<string, string>,
  tokens: TokenMetadataByAddress,
): PlacedRows {
  const out: PlacedRows = { pools: [], poolEvents: [], positionEvents: [], transfers: [], nextLogIndex: place.firstLogIndex + logs.length };
  const timestamps = new Map([[place.blockNumber, place.timestamp]]);
  const at = (i: number) => ({ blockNumber: BigInt(place.blockNumber), transactionHash: place.txHash, logIndex: place.firstLogIndex + i });
  const managerLogs: PositionManagerLog[] = [];
  let manager: string | undefined;

  logs.forEach((log, i) => {
    if (log.kind === 'other') return;
    const { kind: _kind, ...decoded } = log;
    if (log.kind === 'pool') {
      const row = poolLogRow({ ...decoded, ...at(i) } as PoolLog, timestamps);
      if (isSkippedLog(row)) throw new Error(`pool log not mapped: ${row.reason}`);
      out.poolEvents.push(row);
    } else if (log.kind === 'factory') {
      const row = poolCreatedLogRow({ ...decoded, ...at(i) } as PoolCreatedLog, tokens);
      if (isSkippedLog(row)) throw new Error(`PoolCreated log not mapped: ${row.reason}`);
      out.pools.push(row);
    } else {
      if (manager !== undefined && manager !== log.address) throw new Error('one transaction, one position manager');
      manager = log.address;
      managerLogs.push({ ...decoded, ...at(i) } as PositionManagerLog);
    }
  });

  if (manager !== undefined) {
    const dex = dexOfManager.get(manager);
    if (dex === undefined) throw new Error(`unknown position manager ${manager}`);
    const rows = positionManagerLogRows(managerLogs, { dex, timestamps });
    if (rows.skipped.length > 0) throw new Error(`position manager log not mapped: ${rows.skipped[0]!.reason}`);
    out.positionEvents = rows.positionEvents;
    out.transfers = rows.transfers;
  }
  return out;
}
