import { timeInRange } from './time-in-range';

const range = { tickLower: -60, tickUpper: 60 };

describe('time in range', () => {
  it('is all the time open when the tick never leaves the range', () => {
    expect(timeInRange({ ...range, openedAt: 1000, at: 1600, tickAtOpen: 0, changes: [{ timestamp: 1200, tick: 59 }] })).toEqual({
      secondsInRange: 600,
      secondsOpen: 600,
    });
  });

  it('counts only the stretches between changes that leave the tick in range', () => {
    const changes = [
      { timestamp: 1100, tick: 100 },
      { timestamp: 1300, tick: -60 },
      { timestamp: 1450, tick: -61 },
    ];
    // in range 1000–1100 and 1300–1450; out 1100–1300 and 1450–1500
    expect(timeInRange({ ...range, openedAt: 1000, at: 1500, tickAtOpen: 10, changes })).toEqual({ secondsInRange: 250, secondsOpen: 500 });
  });

  it('treats the upper tick as out of range and the lower tick as in range', () => {
    expect(timeInRange({ ...range, openedAt: 0, at: 10, tickAtOpen: 60, changes: [] }).secondsInRange).toBe(0);
    expect(timeInRange({ ...range, openedAt: 0, at: 10, tickAtOpen: -60, changes: [] }).secondsInRange).toBe(10);
  });

  it('is zero at the MINT itself', () => {
    expect(timeInRange({ ...range, openedAt: 500, at: 500, tickAtOpen: 0, changes: [] })).toEqual({ secondsInRange: 0, secondsOpen: 0 });
  });

  it('lets only the last change of a block count, since they share its timestamp', () => {
    const changes = [
      { timestamp: 1000, tick: 500 },
      { timestamp: 1000, tick: 0 },
      { timestamp: 1050, tick: 500 },
      { timestamp: 1050, tick: 5 },
    ];
    expect(timeInRange({ ...range, openedAt: 1000, at: 1100, tickAtOpen: 999, changes })).toEqual({ secondsInRange: 100, secondsOpen: 100 });
  });

  it('counts a change in the event block as lasting no time before the event', () => {
    expect(timeInRange({ ...range, openedAt: 0, at: 100, tickAtOpen: 0, changes: [{ timestamp: 100, tick: 999 }] }).secondsInRange).toBe(100);
  });

  it('counts nothing while the pool had no price', () => {
    expect(timeInRange({ ...range, openedAt: 0, at: 100, tickAtOpen: null, changes: [{ timestamp: 40, tick: 0 }] }).secondsInRange).toBe(60);
  });

  it('adds no time for changes before the MINT or after the event', () => {
    const changes = [
      { timestamp: 10, tick: 999 },
      { timestamp: 500, tick: 999 },
    ];
    expect(timeInRange({ ...range, openedAt: 100, at: 200, tickAtOpen: 0, changes })).toEqual({ secondsInRange: 0, secondsOpen: 100 });
  });
});
