import type { LogPositionFields, PoolCreatedLog, PoolLog, PositionManagerLog } from '@lib/indexer';

/** A decoded log before it has a place in the chain (block, transaction, index). */
type Unplaced<T> = T extends unknown ? Omit<T, Exclude<keyof LogPositionFields, 'address'>> : never;

export type EmittedPoolLog = Unplaced<PoolLog> & { kind: 'pool' };
export type EmittedManagerLog = Unplaced<PositionManagerLog> & { kind: 'manager' };
export type EmittedFactoryLog = Unplaced<PoolCreatedLog> & { kind: 'factory' };
/** A log the source tables do not keep (ERC-20 transfers, approvals): it only takes a log index. */
export interface OtherLog {
  kind: 'other';
}

/** What the simulated contracts emit, in order, within one transaction. */
export type EmittedLog = EmittedPoolLog | EmittedManagerLog | EmittedFactoryLog | OtherLog;

export const OTHER_LOG: OtherLog = { kind: 'other' };
