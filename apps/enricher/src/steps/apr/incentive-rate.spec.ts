import { ratio } from '@lib/v3-math';
import { incentiveUsdOnDay, type IncentiveProgramme } from './incentive-rate';
import { daysInMonth, monthStartOf, rflrRawOnDay } from './rflr-daily';

const D = 86_400;
const JAN10 = Date.UTC(2026, 0, 10) / 1000;
const usd = (n: bigint) => ratio(n);

describe('incentive USD on a day', () => {
  const running: IncentiveProgramme = { start: JAN10 - 30 * D, end: null, isActive: true, rewardUsdPerDay: usd(100n), source: 'programme running' };
  const ended: IncentiveProgramme = { start: JAN10 - 10 * D, end: JAN10, isActive: false, rewardUsdPerDay: usd(40n), source: 'programme ended' };
  const later: IncentiveProgramme = { start: JAN10 + D, end: null, isActive: true, rewardUsdPerDay: usd(7n), source: 'programme later' };

  it("counts the programmes running that day by their dates, not by today's isActive", () => {
    expect(incentiveUsdOnDay([running, ended, later], JAN10 - D)).toEqual({ usd: usd(140n) }); // the ended one still ran then
    expect(incentiveUsdOnDay([running, ended, later], JAN10)).toEqual({ usd: usd(100n) }); // it ended at midnight
    expect(incentiveUsdOnDay([running, ended, later], JAN10 + D)).toEqual({ usd: usd(107n) });
    expect(incentiveUsdOnDay([], JAN10)).toEqual({ usd: usd(0n) });
  });

  it('counts a programme ending mid-day for the share of the day it ran', () => {
    expect(incentiveUsdOnDay([{ ...ended, end: JAN10 + D / 2 }], JAN10)).toEqual({ usd: usd(20n) });
  });

  it('leaves out a programme switched off without an end date', () => {
    expect(incentiveUsdOnDay([{ ...running, isActive: false }], JAN10)).toEqual({ usd: usd(0n) });
  });

  it('a programme without a USD value running that day makes the day unknown, with the reason; on other days it does not count', () => {
    const unknown: IncentiveProgramme = { ...ended, rewardUsdPerDay: null };
    expect(incentiveUsdOnDay([running, unknown], JAN10 - D)).toEqual({
      usd: null,
      reason: 'no USD value of the incentive programme ended ("rewardUsdPerDay" NULL)',
    });
    expect(incentiveUsdOnDay([running, unknown], JAN10)).toEqual({ usd: usd(100n) });
  });
});

describe('rFLR of a day', () => {
  it("spreads the month's allocation evenly over the month's days", () => {
    expect(daysInMonth(JAN10)).toBe(31);
    expect(daysInMonth(Date.UTC(2028, 1, 29) / 1000)).toBe(29);
    expect(monthStartOf(JAN10)).toBe('2026-01-01');
    expect(rflrRawOnDay(31_000n * 10n ** 18n, JAN10)).toEqual(ratio(1000n * 10n ** 18n));
  });
});
