/** A row of the production "PoolIncentive" table, from an input record. */
import type { UpsertSpec } from '@lib/db';
import { PRISMA_TIMESTAMP_COLUMNS, prismaTimestamps, type PrismaTimestamps } from '../prisma-timestamps';
import { address, decimal, field, instant, optionalBoolean, optionalText, requiredText, utcTimestampText, type InputRecord } from './input-record';

/**
 * The columns of the production "PoolIncentive" the importer writes. "sourceUrl",
 * "stakingContract" (NULL), "sourceType" ('on-chain'), "verified" (false) are left to
 * their defaults; "id" is the table's serial.
 */
export interface PoolIncentiveRow {
  poolAddress: string;
  dex: string;
  rewardToken: string;
  /** NULL when the record has none (nullable in production, which has such rows). */
  rewardTokenSymbol: string | null;
  rewardPerDay: string;
  /** NULL when the record has none: production's rolling snapshots have NULL where no USD rate was known. */
  rewardUsdPerDay: string | null;
  programName: string | null;
  /** UTC wall time, 'YYYY-MM-DD HH:MM:SS.mmm' (the column is `timestamp(3)`). */
  startDate: string;
  endDate: string | null;
  isActive: boolean;
}

/**
 * Fields: poolAddress (or pool), dex, rewardToken, rewardTokenSymbol?, rewardPerDay,
 * rewardUsdPerDay?, programName?, startDate, endDate?, isActive? (default: no endDate or
 * an endDate in the future — as of `now`). A missing (or null) optional field is NULL.
 */
export function poolIncentiveRow(record: InputRecord, now: Date): PoolIncentiveRow {
  const poolField = field(record, 'poolAddress') !== undefined ? 'poolAddress' : 'pool';
  const start = instant(record, 'startDate');
  const end = field(record, 'endDate') === undefined ? null : instant(record, 'endDate');
  return {
    poolAddress: address(record, poolField),
    dex: requiredText(record, 'dex'),
    rewardToken: address(record, 'rewardToken'),
    rewardTokenSymbol: optionalText(record, 'rewardTokenSymbol'),
    rewardPerDay: decimal(record, 'rewardPerDay'),
    rewardUsdPerDay: field(record, 'rewardUsdPerDay') === undefined ? null : decimal(record, 'rewardUsdPerDay'),
    programName: optionalText(record, 'programName'),
    startDate: utcTimestampText(start),
    endDate: end === null ? null : utcTimestampText(end),
    isActive: optionalBoolean(record, 'isActive') ?? (end === null || end.getTime() > now.getTime()),
  };
}

/** The columns of "PoolIncentive" an input record gives; the Prisma timestamps come on top when written. */
export const POOL_INCENTIVE_COLUMNS = [
  'poolAddress',
  'dex',
  'rewardToken',
  'rewardTokenSymbol',
  'rewardPerDay',
  'rewardUsdPerDay',
  'programName',
  'startDate',
  'endDate',
  'isActive',
] as const satisfies readonly (keyof PoolIncentiveRow)[];

/**
 * Stamped `now` (production's "updatedAt" has no default): "createdAt" on insert only,
 * "updatedAt" on insert and when a re-import changes the row — re-importing the same data
 * changes nothing.
 */
export function poolIncentiveUpsert(rows: readonly PoolIncentiveRow[], now: Date = new Date()): UpsertSpec<PoolIncentiveRow & PrismaTimestamps> {
  const stamps = prismaTimestamps(now);
  return {
    table: 'PoolIncentive',
    columns: [...POOL_INCENTIVE_COLUMNS, ...PRISMA_TIMESTAMP_COLUMNS],
    conflict: ['poolAddress', 'rewardToken', 'startDate'],
    update: ['dex', 'rewardTokenSymbol', 'rewardPerDay', 'rewardUsdPerDay', 'programName', 'endDate', 'isActive'],
    touch: ['updatedAt'],
    rows: rows.map((row) => ({ ...row, ...stamps })),
  };
}
