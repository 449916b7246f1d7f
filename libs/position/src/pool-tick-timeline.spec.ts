import fc from 'fast-check';
import type { ChainPoint } from '@lib/pricing';
import { PoolTickTimeline, type PlacedTickChange } from './pool-tick-timeline';
import { timeInRange, type TickChange } from './time-in-range';

const at = (blockNumber: number, logIndex: number, timestamp = blockNumber * 2): PlacedTickChange => ({
  blockNumber,
  logIndex,
  timestamp,
  tick: blockNumber * 10 + logIndex,
});
const point = (blockNumber: number, logIndex: number): ChainPoint => ({ blockNumber, logIndex });
/** The view reuses one object per step: copy each as it comes. */
function copy(changes: Iterable<TickChange>): TickChange[] {
  const out: TickChange[] = [];
  for (const c of changes) out.push({ ...c });
  return out;
}
const plain = (cs: PlacedTickChange[]) => cs.map(({ timestamp, tick }) => ({ timestamp, tick }));

function timeline(changes: PlacedTickChange[], until = point(1000, 0)): PoolTickTimeline {
  const t = new PoolTickTimeline();
  t.append(changes, until);
  return t;
}

describe('a pool tick timeline', () => {
  const history = [at(10, 1), at(10, 5), at(11, 0), at(12, 3)];

  it('gives the changes strictly between two points, same-block ones by log index', () => {
    expect(copy(timeline(history).between(point(10, 1), point(12, 3)))).toEqual(plain([at(10, 5), at(11, 0)]));
    expect(copy(timeline(history).between(point(10, 0), point(10, 6)))).toEqual(plain([at(10, 1), at(10, 5)]));
  });

  it('is empty for an empty or reversed window and an empty history', () => {
    expect(timeline(history).between(point(11, 0), point(11, 0)).length).toBe(0);
    expect(timeline(history).between(point(12, 0), point(10, 0)).length).toBe(0);
    expect(timeline([]).between(point(1, 0), point(99, 0)).length).toBe(0);
  });

  it('grows forward in pieces to the same timeline as in one piece (past its initial capacity)', () => {
    const many = Array.from({ length: 1000 }, (_, i) => at(10 + Math.floor(i / 3), i % 3));
    const pieces = new PoolTickTimeline();
    pieces.append(many.slice(0, 400), point(many[400].blockNumber, many[400].logIndex)); // up to, not including, the 401st
    pieces.append(many.slice(400), point(1000, 0));
    expect(copy(pieces.between(point(0, 0), point(1000, 0)))).toEqual(plain(many));
    expect(pieces.length).toBe(1000);
  });

  it('refuses changes out of order, outside the interval, or a window past what is loaded', () => {
    const t = timeline(history, point(20, 0));
    expect(() => t.append([at(19, 0)], point(30, 0))).toThrow(RangeError); // before the loaded end
    expect(() => t.append([at(30, 0)], point(30, 0))).toThrow(RangeError); // at the new end, excluded
    expect(() => t.append([at(25, 1), at(25, 0)], point(30, 0))).toThrow(RangeError);
    expect(() => t.append([], point(10, 0))).toThrow(RangeError); // backwards
    expect(() => t.between(point(0, 0), point(20, 1))).toThrow(RangeError);
  });

  it('leaves out the changes at or before a start time, giving the tick they leave; not when timestamps go back', () => {
    const t = timeline(history);
    const view = t.between(point(0, 0), point(99, 0), 21); // 10:1 and 10:5 (time 20) left out, 11:0 (22) kept
    expect(view.tickBefore).toBe(105);
    expect(copy(view)).toEqual(plain([at(11, 0), at(12, 3)]));
    expect(t.between(point(0, 0), point(99, 0), 5).tickBefore).toBeUndefined();
    const back = timeline([at(10, 0, 50), at(11, 0, 40), at(12, 0, 60)]);
    expect(back.timestampsMonotone).toBe(false);
    expect(back.between(point(0, 0), point(99, 0), 55).length).toBe(3);
  });

  it('time in range over a view with skipped changes equals it over every change since the opening', () => {
    // Random monotone histories and windows: skipping what precedes the window start changes nothing.
    const historyArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -50, max: 50 })), { maxLength: 60 });
    fc.assert(
      fc.property(
        historyArb,
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        (steps, openAt, windowAt, endAt) => {
          let time = 0;
          const changes = steps.map(([dt, tick], i) => ({ blockNumber: i + 1, logIndex: 0, timestamp: (time += dt), tick }));
          const t = timeline(changes);
          const opening = point(Math.min(openAt, changes.length), 1);
          const end = point(Math.min(endAt, changes.length + 1), 0);
          const openedAt = changes[opening.blockNumber - 1]?.timestamp ?? 0;
          const eventTime = Math.max(openedAt, changes[end.blockNumber - 2]?.timestamp ?? 0);
          const start = Math.max(openedAt, windowAt % (eventTime + 1));
          const range = { tickLower: -10, tickUpper: 20 };
          const full = timeInRange({ openedAt: start, at: eventTime, tickAtOpen: 0, changes: t.between(opening, end), ...range });
          const view = t.between(opening, end, start);
          expect(timeInRange({ openedAt: start, at: eventTime, tickAtOpen: view.tickBefore ?? 0, changes: view, ...range })).toEqual(full);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('sums the seconds in range by blocks to what a step per change gives (long windows, any range, any clamping)', () => {
    // Timelines of up to 2000 changes (many blocks of 128), timestamps monotone or not.
    const timelineArb = fc.tuple(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: -30, max: 30 })), { minLength: 0, maxLength: 2000, size: 'max' }),
      fc.boolean(),
    );
    fc.assert(
      fc.property(
        timelineArb,
        fc.nat(),
        fc.nat(),
        fc.integer({ min: -40, max: 40 }),
        fc.integer({ min: -40, max: 40 }),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: -50, max: 50 }),
        fc.option(fc.integer({ min: -30, max: 30 })),
        ([steps, monotone], a, b, tickLower, tickUpper, openShift, atShift, tickAtOpen) => {
          let time = 1000;
          const changes = steps.map(([dt, tick], i) => ({ blockNumber: i + 1, logIndex: 0, timestamp: (time += monotone ? dt : dt - 2), tick }));
          const t = timeline(changes, point(changes.length + 2, 0));
          const from = Math.min(a % (changes.length + 2), changes.length);
          const to = Math.min(from + (b % (changes.length + 2)), changes.length + 1);
          const view = t.between(point(from, 0), point(to, 0));
          const openedAt = (changes[from - 1]?.timestamp ?? 1000) + (openShift % 3 === 0 ? openShift : 0);
          const at = (changes[to - 2]?.timestamp ?? openedAt) + Math.abs(atShift) * (atShift % 4 === 0 ? -1 : 1);
          const input = { openedAt, at, tickAtOpen: tickAtOpen ?? null, tickLower, tickUpper };
          expect(timeInRange({ ...input, changes: view })).toEqual(timeInRange({ ...input, changes: copy(view) }));
        },
      ),
      // Shrinking 2000-change timelines takes minutes: report the first counterexample as found.
      { numRuns: 400, endOnFailure: true },
    );
  });
});
