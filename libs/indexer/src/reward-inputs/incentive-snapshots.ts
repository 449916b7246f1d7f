/**
 * The production shape of "PoolIncentive" (pure; DESIGN.md §2): production's rows are not
 * programmes but rolling snapshots. A script ran now and then and wrote, on every run, one
 * row per pool and reward token of what was paid at that moment: `"startDate"` = run time −
 * 7 days, `"endDate"` NULL, `"isActive"` true, the USD per day of that moment (or NULL),
 * `"programName"` NULL. N runs give N overlapping rows for one programme, and no row tells
 * when a programme really started or ended.
 */
import { utcTimestampText } from './input-record';
import type { PoolIncentiveRow } from './pool-incentive-row';

/** How far before the run the snapshot's "startDate" lies. */
export const SNAPSHOT_LOOKBACK_MS = 7 * 86_400_000;

/** 'YYYY-MM-DD HH:MM:SS.mmm' (UTC wall time, as stored) → the instant. */
function storedTime(text: string): number {
  return Date.parse(`${text.replace(' ', 'T')}Z`);
}

/** Whether the programme pays at `time` (from its start, until its end exclusive). */
export function programmeRunsAt(programme: PoolIncentiveRow, time: number): boolean {
  return storedTime(programme.startDate) <= time && (programme.endDate === null || time < storedTime(programme.endDate));
}

const SCALE = 18;

/** Exact sum of decimal strings (numeric(38,18) values), at most 18 decimals. */
export function addDecimals(values: readonly string[]): string {
  let total = 0n;
  for (const value of values) {
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
    // Exponent forms (accepted by the input reader) are rare: through Number, then exact.
    const text = match ? value : Number(value).toFixed(SCALE);
    const [, sign, whole, fraction = ''] = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)!;
    const units = BigInt(whole) * 10n ** BigInt(SCALE) + BigInt(fraction.slice(0, SCALE).padEnd(SCALE, '0'));
    total += sign === '-' ? -units : units;
  }
  const negative = total < 0n;
  const abs = negative ? -total : total;
  const whole = abs / 10n ** BigInt(SCALE);
  const fraction = (abs % 10n ** BigInt(SCALE)).toString().padStart(SCALE, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

/**
 * One snapshot row per run time, pool and reward token whose programmes pay at that time
 * (overlapping programmes of one pool and token add up, as one figure per pool and token
 * is all the script wrote). Rows come out by run time, then pool and token.
 */
export function rollingIncentiveSnapshots(programmes: readonly PoolIncentiveRow[], runTimes: readonly Date[]): PoolIncentiveRow[] {
  const out: PoolIncentiveRow[] = [];
  for (const run of [...runTimes].sort((a, b) => a.getTime() - b.getTime())) {
    const time = run.getTime();
    const paying = new Map<string, PoolIncentiveRow[]>();
    for (const programme of programmes) {
      if (!programmeRunsAt(programme, time)) continue;
      const key = `${programme.poolAddress}|${programme.rewardToken}`;
      paying.set(key, [...(paying.get(key) ?? []), programme]);
    }
    for (const key of [...paying.keys()].sort()) {
      const group = paying.get(key)!;
      const usd = group.map((p) => p.rewardUsdPerDay);
      out.push({
        poolAddress: group[0].poolAddress,
        dex: group[0].dex,
        rewardToken: group[0].rewardToken,
        rewardTokenSymbol: group[0].rewardTokenSymbol,
        rewardPerDay: addDecimals(group.map((p) => p.rewardPerDay)),
        rewardUsdPerDay: usd.every((v): v is string => v !== null) ? addDecimals(usd) : null,
        programName: null,
        startDate: utcTimestampText(new Date(time - SNAPSHOT_LOOKBACK_MS)),
        endDate: null,
        isActive: true,
      });
    }
  }
  return out;
}

/** A run a day through the chain time [first, last] (epoch seconds): first, first + 1 day, … */
export function dailyRunTimes(first: number, last: number): Date[] {
  const runs: Date[] = [];
  for (let t = first; t <= last; t += 86_400) runs.push(new Date(t * 1000));
  return runs;
}
