import { ratio } from '@lib/v3-math';
import { incentiveProgrammes, isSnapshotRow, type IncentiveRow } from './incentive-programmes';
import { incentiveUsdOnDay } from './incentive-rate';

const D = 86_400;
const H = 3_600;
const JAN = (day: number) => Date.UTC(2026, 0, day) / 1000;
const usd = (n: bigint, d = 1n) => ratio(n, d);

/** A production snapshot of a run: "startDate" = run − 7 days, no end date, no name, active. */
const snapshot = (rewardToken: string, run: number, usdPerDay: bigint | null): IncentiveRow => ({
  rewardToken,
  start: run - 7 * D,
  end: null,
  isActive: true,
  rewardUsdPerDay: usdPerDay === null ? null : usd(usdPerDay),
  programName: null,
});

describe('incentive programmes from "PoolIncentive" rows', () => {
  // A full-shape programme row: 40 USD a day from Jan 10 to Jan 12 (midnights).
  const full: IncentiveRow = { rewardToken: '0xc', start: JAN(10), end: JAN(12), isActive: false, rewardUsdPerDay: usd(40n), programName: 'Full' };
  // Token 0xa: daily runs at noon on Jan 10, 11, 12 (100, 100, 130 USD a day), then silence until Jan 20 (8 days: a new programme, USD unknown).
  // Token 0xb: one run on Jan 11 at 06:00 (50 USD a day).
  const rows: IncentiveRow[] = [
    full,
    snapshot('0xa', JAN(11) + 12 * H, 100n), // out of order on purpose: runs are sorted
    snapshot('0xa', JAN(10) + 12 * H, 100n),
    snapshot('0xa', JAN(12) + 12 * H, 130n),
    snapshot('0xa', JAN(20) + 12 * H, null),
    snapshot('0xb', JAN(11) + 6 * H, 50n),
  ];

  it('tells snapshots (no end date, no name) from programme rows', () => {
    expect(rows.map(isSnapshotRow)).toEqual([false, true, true, true, true, true]);
    expect(isSnapshotRow({ ...full, end: null })).toBe(false); // a named programme still running
    expect(isSnapshotRow({ ...full, programName: null })).toBe(false); // an unnamed one with an end date
  });

  it('collapses contiguous snapshots into one programme of pieces, from the first run to the last run + 1 day, each at the latest snapshot', () => {
    expect(incentiveProgrammes(rows).map(({ start, end, rewardUsdPerDay }) => ({ start, end, usd: rewardUsdPerDay }))).toEqual([
      { start: JAN(10), end: JAN(12), usd: usd(40n) }, // the programme row as it is
      { start: JAN(10) + 12 * H, end: JAN(11) + 12 * H, usd: usd(100n) },
      { start: JAN(11) + 12 * H, end: JAN(12) + 12 * H, usd: usd(100n) },
      { start: JAN(12) + 12 * H, end: JAN(13) + 12 * H, usd: usd(130n) }, // the last run + the run interval
      { start: JAN(20) + 12 * H, end: JAN(21) + 12 * H, usd: null }, // 8 days later: a programme of its own
      { start: JAN(11) + 6 * H, end: JAN(12) + 6 * H, usd: usd(50n) },
    ]);
  });

  it('gives the USD of each day by hand', () => {
    const programmes = incentiveProgrammes(rows);
    // Jan 10: 40 (programme, whole day) + 100 · 12/24 (0xa from noon) = 90
    expect(incentiveUsdOnDay(programmes, JAN(10))).toEqual({ usd: usd(90n) });
    // Jan 11: 40 + 100 · 12/24 + 100 · 12/24 + 50 · 18/24 (0xb from 06:00) = 177.5
    expect(incentiveUsdOnDay(programmes, JAN(11))).toEqual({ usd: usd(355n, 2n) });
    // Jan 12: the programme ended at midnight; 100 · 12/24 + 130 · 12/24 + 50 · 6/24 = 127.5
    expect(incentiveUsdOnDay(programmes, JAN(12))).toEqual({ usd: usd(255n, 2n) });
    // Jan 13: 130 until noon (the last run + 1 day) = 65
    expect(incentiveUsdOnDay(programmes, JAN(13))).toEqual({ usd: usd(65n) });
    // Jan 15: between the two programmes of 0xa
    expect(incentiveUsdOnDay(programmes, JAN(15))).toEqual({ usd: usd(0n) });
    // Jan 20 and 21: the snapshot without a USD value runs from noon to noon: unknown, with the reason
    const reason = 'no USD value of the incentive snapshot of 2026-01-20T12:00:00.000Z of reward token 0xa ("rewardUsdPerDay" NULL)';
    expect(incentiveUsdOnDay(programmes, JAN(20))).toEqual({ usd: null, reason });
    expect(incentiveUsdOnDay(programmes, JAN(21))).toEqual({ usd: null, reason });
    expect(incentiveUsdOnDay(programmes, JAN(22))).toEqual({ usd: usd(0n) });
  });

  it('contiguous means less than 3 days between consecutive runs', () => {
    const apart = (gap: number) => incentiveProgrammes([snapshot('0xa', JAN(10), 10n), snapshot('0xa', JAN(10) + gap, 10n)]).map((p) => [p.start, p.end]);
    expect(apart(3 * D - 1)).toEqual([
      [JAN(10), JAN(13) - 1],
      [JAN(13) - 1, JAN(14) - 1],
    ]);
    expect(apart(3 * D)).toEqual([
      [JAN(10), JAN(11)],
      [JAN(13), JAN(14)],
    ]);
  });

  it('full-shape programme rows give the same day figures as before the collapse existed', () => {
    const programmeRows: IncentiveRow[] = [
      { rewardToken: '0xa', start: JAN(1), end: null, isActive: true, rewardUsdPerDay: usd(100n), programName: 'Running' },
      { rewardToken: '0xb', start: JAN(5), end: JAN(10) + 12 * H, isActive: false, rewardUsdPerDay: usd(40n), programName: 'Ended' },
      { rewardToken: '0xa', start: JAN(9), end: null, isActive: false, rewardUsdPerDay: usd(7n), programName: 'Switched off' },
    ];
    const programmes = incentiveProgrammes(programmeRows);
    expect(programmes.map(({ start, end, isActive, rewardUsdPerDay }) => ({ start, end, isActive, rewardUsdPerDay }))).toEqual(
      programmeRows.map(({ start, end, isActive, rewardUsdPerDay }) => ({ start, end, isActive, rewardUsdPerDay })),
    );
    expect(incentiveUsdOnDay(programmes, JAN(9))).toEqual({ usd: usd(140n) });
    expect(incentiveUsdOnDay(programmes, JAN(10))).toEqual({ usd: usd(120n) }); // 100 + 40 · 12/24
    expect(incentiveUsdOnDay(programmes, JAN(11))).toEqual({ usd: usd(100n) });
  });
});
