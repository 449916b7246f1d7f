import { DAY_SECONDS } from './apr-days';

/** Net raw tokens into the pool during one UTC day (from its Mint, Swap and Collect events). */
export interface DailyFlow {
  dayStart: number;
  net0: bigint;
  net1: bigint;
}

/**
 * The pool's balances at the end of each of `days`: every flow of the days up to and
 * including it, from the pool's creation. (Tokens come in on Mint and on a swap's input
 * side, leave on a swap's output side and on Collect — not on Burn, which only moves
 * them to the position's owed amounts; the SQL applies these signs.)
 */
export function balancesAtDayEnds(flows: readonly DailyFlow[], days: readonly number[]): Map<number, { balance0: bigint; balance1: bigint }> {
  const ordered = [...flows].sort((a, b) => a.dayStart - b.dayStart);
  const out = new Map<number, { balance0: bigint; balance1: bigint }>();
  let i = 0;
  let balance0 = 0n;
  let balance1 = 0n;
  for (const day of [...days].sort((a, b) => a - b)) {
    while (i < ordered.length && ordered[i].dayStart < day + DAY_SECONDS) {
      balance0 += ordered[i].net0;
      balance1 += ordered[i].net1;
      i++;
    }
    out.set(day, { balance0, balance1 });
  }
  return out;
}
