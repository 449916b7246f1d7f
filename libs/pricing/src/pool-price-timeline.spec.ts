import type { ChainPoint } from './chain-point';
import type { PoolState } from './pool-state';
import { PoolPriceTimeline } from './pool-price-timeline';

const state = (blockNumber: number, logIndex: number): PoolState => ({
  pool: '0xp',
  sqrtPriceX96: BigInt(blockNumber * 100 + logIndex + 1),
  tick: 0,
  liquidity: 1n,
  source: { id: `${blockNumber}:${logIndex}`, eventName: 'Swap', blockNumber, logIndex },
});
const at = (blockNumber: number, logIndex: number): ChainPoint => ({ blockNumber, logIndex });
const idAsOf = (t: PoolPriceTimeline, p: ChainPoint) => {
  const s = t.stateAsOf(p);
  return s === undefined ? 'unknown' : (s?.source.id ?? null);
};

describe('a pool price timeline', () => {
  const states = [state(10, 0), state(10, 3), state(12, 1), state(15, 0)];

  it('answers the last state strictly before a point, up to where it is loaded', () => {
    const t = new PoolPriceTimeline();
    t.append(states, at(20, 0));
    expect([at(9, 9), at(10, 0), at(10, 1), at(10, 3), at(10, 4), at(12, 1), at(12, 2), at(20, 0)].map((p) => idAsOf(t, p))).toEqual([
      null,
      null,
      '10:0',
      '10:0',
      '10:3',
      '10:3',
      '12:1',
      '15:0',
    ]);
    expect(idAsOf(t, at(20, 1))).toBe('unknown'); // not loaded that far
  });

  it('grows forward in pieces, refusing states outside the interval or out of order', () => {
    const t = new PoolPriceTimeline();
    t.append(states.slice(0, 2), at(11, 0));
    expect(() => t.append([state(10, 5)], at(13, 0))).toThrow(RangeError);
    expect(() => t.append([state(13, 0)], at(13, 0))).toThrow(RangeError);
    expect(() => t.append([state(12, 1), state(11, 0)], at(13, 0))).toThrow(RangeError);
    expect(() => t.append([], at(10, 0))).toThrow(RangeError);
    t.append(states.slice(2), at(20, 0));
    expect(idAsOf(t, at(16, 0))).toBe('15:0');
    expect(t.size).toBe(4);
  });

  it('after dropping its oldest states, answers from the last dropped one and knows nothing before its new start', () => {
    const t = new PoolPriceTimeline();
    t.append(states, at(20, 0));
    t.keepNewest(2);
    expect(t.size).toBe(2);
    expect(idAsOf(t, at(12, 1))).toBe('10:3'); // the new start: the base answers
    expect(idAsOf(t, at(13, 0))).toBe('12:1');
    expect(idAsOf(t, at(12, 0))).toBe('unknown');
    t.keepNewest(0);
    expect(idAsOf(t, at(20, 0))).toBe('15:0');
    expect(idAsOf(t, at(19, 0))).toBe('unknown');
  });

  it('gives no answer for a pool with two rows at one point (the database picks)', () => {
    const t = new PoolPriceTimeline();
    t.append([state(10, 0), { ...state(10, 0), source: { ...state(10, 0).source, id: 'twin' } }], at(20, 0));
    expect(idAsOf(t, at(15, 0))).toBe('unknown');
  });

  it('can start at a point with the state before it, knowing nothing earlier', () => {
    const t = new PoolPriceTimeline(at(12, 0), states[1]);
    t.append(states.slice(2), at(20, 0));
    expect([at(11, 0), at(12, 0), at(12, 2), at(16, 0)].map((p) => idAsOf(t, p))).toEqual(['unknown', '10:3', '12:1', '15:0']);
    expect(() => new PoolPriceTimeline(at(10, 3), states[1])).toThrow(RangeError); // the base must be before the start
  });
});
