import { addRatio, mulRatio, ratio, ZERO_RATIO, type Ratio } from '@lib/v3-math';
import { DAY_SECONDS } from './apr-days';

/** A "PoolIncentive" programme as the APR needs it (a programme row, or a piece of collapsed snapshots: incentive-programmes.ts). */
export interface IncentiveProgramme {
  /** Epoch seconds (the table's timestamps are UTC wall time). */
  start: number;
  /** Null while it runs. */
  end: number | null;
  isActive: boolean;
  /** Null: no USD value known ("rewardUsdPerDay" NULL). */
  rewardUsdPerDay: Ratio | null;
  /** What it is, for a reason: 'programme X from …', 'snapshot of … of reward token 0x…'. */
  source: string;
}

/** The incentive USD of a day, or why there is none. */
export type IncentiveDay = { usd: Ratio } | { usd: null; reason: string };

/**
 * USD the programmes pay the pool's LPs on one UTC day: each programme's daily rate times
 * the share of the day it ran, so a programme ending at noon counts half (the real ones
 * start and end at midnight, where this is all or nothing). The dates decide, not
 * "isActive" — it describes today, not the day in question — except that a programme
 * switched off without an end date cannot be placed in time and is left out. A programme
 * running that day without a USD value makes the day's figure unknown (never a guess).
 */
export function incentiveUsdOnDay(programmes: readonly IncentiveProgramme[], dayStart: number): IncentiveDay {
  const dayEnd = dayStart + DAY_SECONDS;
  let total = ZERO_RATIO;
  for (const p of programmes) {
    if (p.end === null && !p.isActive) continue;
    const from = Math.max(p.start, dayStart);
    const to = Math.min(p.end ?? dayEnd, dayEnd);
    if (to <= from) continue;
    if (p.rewardUsdPerDay === null) return { usd: null, reason: `no USD value of the incentive ${p.source} ("rewardUsdPerDay" NULL)` };
    total = addRatio(total, mulRatio(p.rewardUsdPerDay, ratio(BigInt(to - from), BigInt(DAY_SECONDS))));
  }
  return { usd: total };
}
