import { ratio, type Ratio } from '@lib/v3-math';

/** rFLR has 18 decimals (a wrapped-FLR-like token). */
export const RFLR_DECIMALS = 18;

/** Days in the UTC month of a day. */
export function daysInMonth(dayStart: number): number {
  const d = new Date(dayStart * 1000);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
}

/** 'YYYY-MM-01' of the day's month (the `rflr_allocation.month_start` column). */
export function monthStartOf(dayStart: number): string {
  return new Date(dayStart * 1000).toISOString().slice(0, 8) + '01';
}

/**
 * The raw rFLR a pool's LPs earn on one day: the month's allocations to its positions spread
 * evenly over the month's days (allocations are monthly totals; how they accrued within the
 * month is not known).
 */
export function rflrRawOnDay(monthAllocationRaw: bigint, dayStart: number): Ratio {
  return ratio(monthAllocationRaw, BigInt(daysInMonth(dayStart)));
}
