/** A row of the production "PoolIncentive" table, from an input record. */
import type { UpsertSpec } from '@lib/db';
import { address, decimal, field, instant, optionalBoolean, requiredText, utcTimestampText, type InputRecord } from './input-record';

export interface PoolIncentiveRow {
  poolAddress: string;
  dex: string;
  rewardToken: string;
  rewardTokenSymbol: string;
  rewardPerDay: string;
  rewardUsdPerDay: string;
  programName: string;
  /** UTC wall time, 'YYYY-MM-DD HH:MM:SS.mmm' (the column is `timestamp(3)`). */
  startDate: string;
  endDate: string | null;
  isActive: boolean;
}

/**
 * Fields: poolAddress (or pool), dex, rewardToken, rewardTokenSymbol, rewardPerDay,
 * rewardUsdPerDay, programName, startDate, endDate?, isActive? (default: no endDate or
 * an endDate in the future — as of `now`).
 */
export function poolIncentiveRow(record: InputRecord, now: Date): PoolIncentiveRow {
  const poolField = field(record, 'poolAddress') !== undefined ? 'poolAddress' : 'pool';
  const start = instant(record, 'startDate');
  const end = field(record, 'endDate') === undefined ? null : instant(record, 'endDate');
  return {
    poolAddress: address(record, poolField),
    dex: requiredText(record, 'dex'),
    rewardToken: address(record, 'rewardToken'),
    rewardTokenSymbol: requiredText(record, 'rewardTokenSymbol'),
    rewardPerDay: decimal(record, 'rewardPerDay'),
    rewardUsdPerDay: decimal(record, 'rewardUsdPerDay'),
    programName: requiredText(record, 'programName'),
    startDate: utcTimestampText(start),
    endDate: end === null ? null : utcTimestampText(end),
    isActive: optionalBoolean(record, 'isActive') ?? (end === null || end.getTime() > now.getTime()),
  };
}

/** "createdAt"/"updatedAt" keep their defaults: a re-import of the same data changes nothing. */
export function poolIncentiveUpsert(rows: readonly PoolIncentiveRow[]): UpsertSpec<PoolIncentiveRow> {
  return {
    table: 'PoolIncentive',
    columns: ['poolAddress', 'dex', 'rewardToken', 'rewardTokenSymbol', 'rewardPerDay', 'rewardUsdPerDay', 'programName', 'startDate', 'endDate', 'isActive'],
    conflict: ['poolAddress', 'rewardToken', 'startDate'],
    update: ['dex', 'rewardTokenSymbol', 'rewardPerDay', 'rewardUsdPerDay', 'programName', 'endDate', 'isActive'],
    rows,
  };
}
