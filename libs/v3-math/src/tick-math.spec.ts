import { TickMath } from '@uniswap/v3-sdk';
import fc from 'fast-check';
import JSBI from 'jsbi';
import { Q96 } from './full-math';
import { MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK, getSqrtRatioAtTick, getTickAtSqrtRatio } from './tick-math';

// A failing property reports within seconds instead of shrinking big bigints for minutes.
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true });

const toJsbi = (x: bigint) => JSBI.BigInt(x.toString());
const fromJsbi = (x: JSBI) => BigInt(x.toString());
const sdkSqrtAt = (tick: number) => fromJsbi(TickMath.getSqrtRatioAtTick(tick));

// Every bit of |tick| selects one magic constant, so test each power of two and its neighbours.
const bitTicks = Array.from({ length: 20 }, (_, i) => 1 << i).flatMap((t) => [t - 1, t, t + 1, -t + 1, -t, -t - 1]);
const edgeTicks = [MIN_TICK, MIN_TICK + 1, -1, 0, 1, MAX_TICK - 1, MAX_TICK, ...bitTicks.filter((t) => t >= MIN_TICK && t <= MAX_TICK)];

describe('constants', () => {
  it('match the SDK and are the ratios at the extreme ticks', () => {
    expect([MIN_TICK, MAX_TICK]).toEqual([TickMath.MIN_TICK, TickMath.MAX_TICK]);
    expect(MIN_SQRT_RATIO).toBe(fromJsbi(TickMath.MIN_SQRT_RATIO));
    expect(MAX_SQRT_RATIO).toBe(fromJsbi(TickMath.MAX_SQRT_RATIO));
    expect(getSqrtRatioAtTick(MIN_TICK)).toBe(MIN_SQRT_RATIO);
    expect(getSqrtRatioAtTick(MAX_TICK)).toBe(MAX_SQRT_RATIO);
  });
});

describe('getSqrtRatioAtTick', () => {
  it('is exactly 2^96 at tick 0 (price 1)', () => {
    expect(getSqrtRatioAtTick(0)).toBe(Q96);
  });

  it('is close to sqrt(1.0001^tick)·2^96 (independent floating-point check)', () => {
    for (const tick of [-500_000, -100_000, -1, 1, 50_000, 276_324, 500_000]) {
      const expected = Math.pow(1.0001, tick / 2) * 2 ** 96;
      expect(Math.abs(Number(getSqrtRatioAtTick(tick)) / expected - 1)).toBeLessThan(1e-9);
    }
  });

  it.each(edgeTicks)('matches the SDK at tick %i', (tick) => {
    expect(getSqrtRatioAtTick(tick)).toBe(sdkSqrtAt(tick));
  });

  it('matches the SDK on random ticks (seeded)', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_TICK, max: MAX_TICK }), (tick) => {
        expect(getSqrtRatioAtTick(tick)).toBe(sdkSqrtAt(tick));
      }),
      { seed: 2001, numRuns: 2000 },
    );
  });

  it('is strictly increasing over a contiguous stretch of ticks', () => {
    let previous = getSqrtRatioAtTick(-1000);
    for (let tick = -999; tick <= 1000; tick++) {
      const current = getSqrtRatioAtTick(tick);
      expect(current).toBeGreaterThan(previous);
      expect(current).toBe(sdkSqrtAt(tick));
      previous = current;
    }
  });

  it('refuses ticks outside [MIN_TICK, MAX_TICK] and non-integers', () => {
    expect(() => getSqrtRatioAtTick(MIN_TICK - 1)).toThrow(RangeError);
    expect(() => getSqrtRatioAtTick(MAX_TICK + 1)).toThrow(RangeError);
    expect(() => getSqrtRatioAtTick(0.5)).toThrow(RangeError);
  });
});

describe('getTickAtSqrtRatio', () => {
  it('inverts getSqrtRatioAtTick at the tick boundaries and just below them', () => {
    for (const tick of edgeTicks.filter((t) => t < MAX_TICK)) {
      const sqrt = getSqrtRatioAtTick(tick);
      expect(getTickAtSqrtRatio(sqrt)).toBe(tick);
      if (tick > MIN_TICK) expect(getTickAtSqrtRatio(sqrt - 1n)).toBe(tick - 1);
      expect(getTickAtSqrtRatio(sqrt + 1n)).toBe(tick);
    }
  });

  it('handles the extremes of its domain', () => {
    expect(getTickAtSqrtRatio(MIN_SQRT_RATIO)).toBe(MIN_TICK);
    expect(getTickAtSqrtRatio(MAX_SQRT_RATIO - 1n)).toBe(MAX_TICK - 1);
    expect(() => getTickAtSqrtRatio(MIN_SQRT_RATIO - 1n)).toThrow(RangeError);
    expect(() => getTickAtSqrtRatio(MAX_SQRT_RATIO)).toThrow(RangeError);
  });

  it('matches the SDK and brackets the price on random sqrt prices (seeded)', () => {
    // Random bit widths spread the samples over all ~128 binary orders of magnitude.
    const sqrtPrice = fc
      .integer({ min: 33, max: 160 })
      .chain((bits) => fc.bigInt({ min: 1n << BigInt(bits - 1), max: (1n << BigInt(bits)) - 1n }))
      .filter((p) => p >= MIN_SQRT_RATIO && p < MAX_SQRT_RATIO);
    fc.assert(
      fc.property(sqrtPrice, (p) => {
        const tick = getTickAtSqrtRatio(p);
        expect(tick).toBe(TickMath.getTickAtSqrtRatio(toJsbi(p)));
        // The defining property: the greatest tick whose ratio is ≤ p.
        expect(getSqrtRatioAtTick(tick)).toBeLessThanOrEqual(p);
        expect(getSqrtRatioAtTick(tick + 1)).toBeGreaterThan(p);
      }),
      { seed: 2002, numRuns: 2000 },
    );
  });
});
