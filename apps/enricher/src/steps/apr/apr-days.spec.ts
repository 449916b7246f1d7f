import { dayOf, daysToFill, daysToRecompute, DAY_SECONDS, isoDay } from './apr-days';

const D = DAY_SECONDS;
const JAN1 = Date.UTC(2026, 0, 1) / 1000;
const day = (n: number) => JAN1 + n * D;

describe('APR days', () => {
  it('are UTC days', () => {
    expect(dayOf(day(3) + D - 1)).toBe(day(3));
    expect(isoDay(day(31))).toBe('2026-02-01');
  });

  it('recomputes a touched day and the eventless days after it up to the next event day or the last row', () => {
    const events = new Set([day(0), day(3), day(9)]);
    expect(daysToRecompute([day(0) + 5], events, day(10))).toEqual([day(0), day(1), day(2)]);
    expect(daysToRecompute([day(3), day(9)], events, day(10))).toEqual([day(3), day(4), day(5), day(6), day(7), day(8), day(9), day(10)]);
    // nothing computed yet: only the touched day (the end-of-replay fill does the rest)
    expect(daysToRecompute([day(9)], events, null)).toEqual([day(9)]);
  });

  it('fills the days without rows from the first event day through the as-of day', () => {
    expect(daysToFill(day(0) + 100, day(4) + 7, new Set([day(0), day(2)]))).toEqual([day(1), day(3), day(4)]);
    expect(daysToFill(day(5), day(4), new Set())).toEqual([]);
  });
});
