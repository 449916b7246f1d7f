/** One monthly rFLR allocation of a position. */
export interface RflrAllocation {
  /** UTC midnight of the first day of the month it was assigned, epoch seconds. */
  monthStart: number;
  /** rFLR base units (18 decimals). */
  amountRaw: bigint;
}

/** A position's rFLR as of a time, raw base units. */
export interface VestingState {
  /** Allocations counted (assigned by the as-of time). */
  allocations: number;
  earned: bigint;
  vested: bigint;
  locked: bigint;
  /** What withdrawing now pays: vested + 50 % of locked (the other half is forfeited). */
  claimable: bigint;
}

/** 12 months of 30 days: rFLR's vesting period, not calendar months. */
export const VESTING_SECONDS = 360 * 86_400;

/**
 * rFLR vesting as of `asOf` (epoch seconds). An allocation counts once its month has started
 * (month_start ≤ asOf) and vests linearly, to the second, over 360 days from month_start;
 * each allocation's vested part is rounded down (never pays out more than vested), and
 * the forfeited half of the locked total is rounded up for the same reason.
 */
export function vestingAsOf(allocations: readonly RflrAllocation[], asOf: number): VestingState {
  let earned = 0n;
  let vested = 0n;
  let count = 0;
  for (const a of allocations) {
    if (a.monthStart > asOf) continue;
    const elapsed = BigInt(Math.min(asOf - a.monthStart, VESTING_SECONDS));
    count++;
    earned += a.amountRaw;
    vested += (a.amountRaw * elapsed) / BigInt(VESTING_SECONDS);
  }
  const locked = earned - vested;
  return { allocations: count, earned, vested, locked, claimable: vested + locked / 2n };
}
