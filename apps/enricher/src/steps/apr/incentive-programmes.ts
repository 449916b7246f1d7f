import type { Ratio } from '@lib/v3-math';
import { DAY_SECONDS } from './apr-days';
import type { IncentiveProgramme } from './incentive-rate';

/** A "PoolIncentive" row of one pool, as read (times in epoch seconds; the table's timestamps are UTC wall time). */
export interface IncentiveRow {
  rewardToken: string;
  start: number;
  end: number | null;
  isActive: boolean;
  /** NULL in the table: no USD value known. */
  rewardUsdPerDay: Ratio | null;
  programName: string | null;
}

/** Production's snapshot script writes "startDate" = its run time − 7 days (DESIGN §2). */
export const SNAPSHOT_LOOKBACK_SECONDS = 7 * DAY_SECONDS;
/** How often the snapshot script runs: the last snapshot of a programme counts for this long after its run. */
export const SNAPSHOT_RUN_INTERVAL_SECONDS = DAY_SECONDS;
/** Consecutive snapshots of a pool and reward token less than this apart belong to one programme (a missed run or two); a longer silence ends it. */
export const SNAPSHOT_MAX_GAP_SECONDS = 3 * DAY_SECONDS;

/**
 * A rolling snapshot, as production's script writes them: no end date and no programme name.
 * Every other row (our importer's full shape, a hand-entered programme) is a programme row
 * with its own start and end.
 */
export function isSnapshotRow(r: IncentiveRow): boolean {
  return r.end === null && r.programName === null;
}

const iso = (t: number) => new Date(t * 1000).toISOString();

/**
 * One pool's "PoolIncentive" rows as the programmes APR counts (pure; docs/steps.md, APR):
 * - a programme row is taken as it is (its dates decide; see `incentiveUsdOnDay`);
 * - rolling snapshots are collapsed per reward token: a snapshot's run time is its
 *   "startDate" + 7 days; runs in time order, each less than SNAPSHOT_MAX_GAP_SECONDS after
 *   the one before, are one programme, from the first run to the last run +
 *   SNAPSHOT_RUN_INTERVAL_SECONDS. Within it the rate at a moment is the latest snapshot's
 *   at or before it, so the programme comes out as consecutive pieces, one per snapshot:
 *   [run, next run) — the last [run, run + interval) — at that snapshot's USD per day
 *   (NULL stays NULL: that piece's days have no incentive figure).
 * Pieces are ordered by reward token, then time; programme rows keep their order before them.
 */
export function incentiveProgrammes(rows: readonly IncentiveRow[]): IncentiveProgramme[] {
  const out: IncentiveProgramme[] = [];
  const snapshots = new Map<string, IncentiveRow[]>();
  for (const r of rows) {
    if (!isSnapshotRow(r)) {
      out.push({
        start: r.start,
        end: r.end,
        isActive: r.isActive,
        rewardUsdPerDay: r.rewardUsdPerDay,
        source: `programme ${r.programName ?? `of reward token ${r.rewardToken}`} from ${iso(r.start)}`,
      });
      continue;
    }
    snapshots.set(r.rewardToken, [...(snapshots.get(r.rewardToken) ?? []), r]);
  }
  for (const token of [...snapshots.keys()].sort()) {
    const runs = snapshots
      .get(token)!
      .map((r) => ({ run: r.start + SNAPSHOT_LOOKBACK_SECONDS, usd: r.rewardUsdPerDay }))
      .sort((a, b) => a.run - b.run);
    runs.forEach((s, i) => {
      const next = runs[i + 1];
      const contiguous = next !== undefined && next.run - s.run < SNAPSHOT_MAX_GAP_SECONDS;
      out.push({
        start: s.run,
        end: contiguous ? next.run : s.run + SNAPSHOT_RUN_INTERVAL_SECONDS,
        isActive: true,
        rewardUsdPerDay: s.usd,
        source: `snapshot of ${iso(s.run)} of reward token ${token}`,
      });
    });
  }
  return out;
}
