import { windowTimeInRange } from './window-time-in-range';

const DAY = 86_400;
const range = { tickLower: -60, tickUpper: 60 };

describe('time in range over the last 7 days', () => {
  it('a position opened 2 days ago, in range for 1 of them: 50 over 2 days', () => {
    const at = 100 * DAY;
    const out = windowTimeInRange({ ...range, openedAt: at - 2 * DAY, at, tickAtOpen: 0, changes: [{ timestamp: at - DAY, tick: 500 }] });
    expect(out).toEqual({ secondsInRange: DAY, secondsOpen: 2 * DAY, score: 50 });
  });

  it('only the last 7 days count for an older position: out of range for 20 days, back in for the last 3.5', () => {
    const at = 100 * DAY;
    const changes = [
      { timestamp: 70 * DAY, tick: 500 },
      { timestamp: at - 3.5 * DAY, tick: 0 },
    ];
    expect(windowTimeInRange({ ...range, openedAt: 50 * DAY, at, tickAtOpen: 0, changes })).toEqual({
      secondsInRange: 3.5 * DAY,
      secondsOpen: 7 * DAY,
      score: 50,
    });
  });

  it('a change before the window sets the tick the window starts with', () => {
    const at = 100 * DAY;
    // In range since day 80 (before the window) and never left: 100.
    expect(windowTimeInRange({ ...range, openedAt: 50 * DAY, at, tickAtOpen: 999, changes: [{ timestamp: 80 * DAY, tick: 1 }] }).score).toBe(100);
    // Left the range on day 80: 0 over the whole window.
    expect(windowTimeInRange({ ...range, openedAt: 50 * DAY, at, tickAtOpen: 1, changes: [{ timestamp: 80 * DAY, tick: 999 }] })).toEqual({
      secondsInRange: 0,
      secondsOpen: 7 * DAY,
      score: 0,
    });
  });

  it('a change exactly at the window start counts from there', () => {
    const at = 100 * DAY;
    expect(windowTimeInRange({ ...range, openedAt: 0, at, tickAtOpen: 999, changes: [{ timestamp: at - 7 * DAY, tick: 0 }] }).score).toBe(100);
  });

  it('has no score at the MINT itself (no time open)', () => {
    expect(windowTimeInRange({ ...range, openedAt: 500, at: 500, tickAtOpen: 0, changes: [] })).toEqual({ secondsInRange: 0, secondsOpen: 0, score: null });
  });
});
