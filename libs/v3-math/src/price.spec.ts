import { Token } from '@uniswap/sdk-core';
import { Pool, tickToPrice as sdkTickToPrice } from '@uniswap/v3-sdk';
import fc from 'fast-check';
import JSBI from 'jsbi';
import { Q96 } from './full-math';
import { price0Per1, price1Per0, tickToPrice } from './price';
import { type Ratio, mulRatio, ONE_RATIO, ratio, ratioToNumber } from './ratio';
import { MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK, getSqrtRatioAtTick, getTickAtSqrtRatio } from './tick-math';

// A failing property reports within seconds instead of shrinking big bigints for minutes.
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true });

const fromJsbi = (x: JSBI) => BigInt(x.toString());

const USDC = new Token(14, '0x0000000000000000000000000000000000000001', 6, 'USDC');
const WETH = new Token(14, '0x0000000000000000000000000000000000000002', 18, 'WETH');
const WFLR = new Token(14, '0x0000000000000000000000000000000000000003', 18, 'WFLR');
const USDT = new Token(14, '0x0000000000000000000000000000000000000004', 6, 'USDT');

/** An SDK Price in human units as a Ratio (the SDK keeps its decimal scalar private-ish). */
function sdkHumanPrice(price: { numerator: JSBI; denominator: JSBI; scalar: { numerator: JSBI; denominator: JSBI } }): Ratio {
  return ratio(fromJsbi(price.numerator) * fromJsbi(price.scalar.numerator), fromJsbi(price.denominator) * fromJsbi(price.scalar.denominator));
}

describe('price1Per0 / price0Per1, hand-worked', () => {
  it('is 1 at sqrt price 2^96 for equal decimals', () => {
    expect(price1Per0({ sqrtPriceX96: Q96, decimals0: 18, decimals1: 18 })).toEqual(ONE_RATIO);
  });

  it('applies decimals: raw price 1 with token0 6 dec, token1 18 dec is 1e-12 token1 per token0', () => {
    // One whole token0 = 1e6 units buys 1e6 units of token1 = 1e-12 whole token1.
    expect(price1Per0({ sqrtPriceX96: Q96, decimals0: 6, decimals1: 18 })).toEqual(ratio(1n, 10n ** 12n));
    expect(price0Per1({ sqrtPriceX96: Q96, decimals0: 6, decimals1: 18 })).toEqual(ratio(10n ** 12n));
  });

  it('is exact for sqrt prices that are powers of ten and two times 2^96', () => {
    // sqrt = 10^m·2^96 → raw price 10^(2m); human = 10^(2m + d0 − d1).
    for (const m of [1, 3, 6, 9]) {
      const sqrtPriceX96 = 10n ** BigInt(m) * Q96;
      expect(price1Per0({ sqrtPriceX96, decimals0: 18, decimals1: 6 })).toEqual(ratio(10n ** BigInt(2 * m + 12)));
      expect(price1Per0({ sqrtPriceX96, decimals0: 6, decimals1: 18 })).toEqual(ratio(10n ** BigInt(2 * m), 10n ** 12n));
    }
    // sqrt = 2^(96−k) → raw price 2^(−2k).
    expect(price1Per0({ sqrtPriceX96: Q96 >> 20n, decimals0: 0, decimals1: 0 })).toEqual(ratio(1n, 2n ** 40n));
  });

  it('refuses a non-positive sqrt price and bad decimals', () => {
    expect(() => price1Per0({ sqrtPriceX96: 0n, decimals0: 6, decimals1: 18 })).toThrow(RangeError);
    expect(() => price1Per0({ sqrtPriceX96: Q96, decimals0: -1, decimals1: 18 })).toThrow(RangeError);
  });
});

describe('prices across orders of magnitude', () => {
  // Human prices 1e-12 .. 1e12 in both decimal orders: the tick whose price is nearest, then
  // the exact price at that tick against the float 1.0001^tick·10^(d0−d1).
  const cases = Array.from({ length: 25 }, (_, i) => i - 12).flatMap((e) => [
    { e, decimals0: 6, decimals1: 18 },
    { e, decimals0: 18, decimals1: 6 },
  ]);
  it.each(cases)('1e$e with decimals $decimals0/$decimals1', ({ e, decimals0, decimals1 }) => {
    const rawLog = (e + decimals1 - decimals0) * Math.log(10);
    const tick = Math.round(rawLog / Math.log(1.0001));
    const price = ratioToNumber(tickToPrice({ tick, decimals0, decimals1 }));
    expect(Math.abs(Math.log10(price) - e)).toBeLessThan(0.0001); // within half a tick (≈ 0.00002 decades)
    expect(price / (Math.pow(1.0001, tick) * 10 ** (decimals0 - decimals1))).toBeCloseTo(1, 9);
    // The inverse really is the inverse.
    const sqrtPriceX96 = getSqrtRatioAtTick(tick);
    expect(mulRatio(price1Per0({ sqrtPriceX96, decimals0, decimals1 }), price0Per1({ sqrtPriceX96, decimals0, decimals1 }))).toEqual(ONE_RATIO);
  });

  it('stays finite and precise at the extreme sqrt prices', () => {
    // ≈ 2^±128 raw (MAX/MIN_TICK are the ticks just inside that), times 10^±18 for decimals.
    const floatPrice = (sqrt: bigint) => (Number(sqrt) / 2 ** 96) ** 2;
    const top = ratioToNumber(price1Per0({ sqrtPriceX96: MAX_SQRT_RATIO - 1n, decimals0: 18, decimals1: 0 }));
    expect(top / (floatPrice(MAX_SQRT_RATIO - 1n) * 1e18)).toBeCloseTo(1, 12);
    expect(Math.log2(top / 1e18)).toBeCloseTo(128, 3);
    const bottom = ratioToNumber(price1Per0({ sqrtPriceX96: MIN_SQRT_RATIO, decimals0: 0, decimals1: 18 }));
    expect(bottom / (floatPrice(MIN_SQRT_RATIO) * 1e-18)).toBeCloseTo(1, 12);
    expect(Math.log2(bottom * 1e18)).toBeCloseTo(-128, 3);
  });
});

describe('against the SDK', () => {
  it.each([
    { name: 'token0 6 dec / token1 18 dec', a: USDC, b: WETH },
    { name: 'token0 18 dec / token1 6 dec', a: WFLR, b: USDT },
  ])('tickToPrice and pool.token0Price/token1Price agree exactly ($name, seeded)', ({ a, b }) => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_TICK, max: MAX_TICK - 1 }), (tick) => {
        const d = { decimals0: a.decimals, decimals1: b.decimals };
        expect(tickToPrice({ tick, ...d })).toEqual(sdkHumanPrice(sdkTickToPrice(a, b, tick)));
        const sqrtPriceX96 = getSqrtRatioAtTick(tick) + 12345n;
        const pool = new Pool(a, b, 100, sqrtPriceX96.toString(), '0', getTickAtSqrtRatio(sqrtPriceX96));
        expect(price1Per0({ sqrtPriceX96, ...d })).toEqual(sdkHumanPrice(pool.token0Price));
        expect(price0Per1({ sqrtPriceX96, ...d })).toEqual(sdkHumanPrice(pool.token1Price));
      }),
      { seed: 8001, numRuns: 300 },
    );
  });
});
