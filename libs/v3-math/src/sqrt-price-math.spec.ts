import { SqrtPriceMath } from '@uniswap/v3-sdk';
import fc from 'fast-check';
import JSBI from 'jsbi';
import { Q96 } from './full-math';
import { getAmount0Delta, getAmount1Delta } from './sqrt-price-math';
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from './tick-math';
import { MAX_UINT128 } from './uint';

const toJsbi = (x: bigint) => JSBI.BigInt(x.toString());
const fromJsbi = (x: JSBI) => BigInt(x.toString());

// A failing property reports within seconds instead of shrinking big bigints for minutes.
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true });

describe('getAmount0Delta / getAmount1Delta, hand-worked', () => {
  // Price 1 → price 4 (sqrt 1 → 2) with L = 1e18:
  //   amount1 = L·(√B − √A) = 1e18·(2 − 1) = 1e18
  //   amount0 = L·(1/√A − 1/√B) = 1e18·(1 − 1/2) = 5e17
  const sqrtA = Q96;
  const sqrtB = 2n * Q96;
  const L = 10n ** 18n;

  it('gives the exact amounts when nothing needs rounding', () => {
    expect(getAmount1Delta(sqrtA, sqrtB, L, false)).toBe(10n ** 18n);
    expect(getAmount1Delta(sqrtA, sqrtB, L, true)).toBe(10n ** 18n);
    expect(getAmount0Delta(sqrtA, sqrtB, L, false)).toBe(5n * 10n ** 17n);
    expect(getAmount0Delta(sqrtA, sqrtB, L, true)).toBe(5n * 10n ** 17n);
  });

  it('accepts the sqrt prices in either order', () => {
    expect(getAmount0Delta(sqrtB, sqrtA, L, false)).toBe(getAmount0Delta(sqrtA, sqrtB, L, false));
    expect(getAmount1Delta(sqrtB, sqrtA, L, true)).toBe(getAmount1Delta(sqrtA, sqrtB, L, true));
  });

  it('rounds down for a burn and up for a mint when inexact', () => {
    // Price 1 → 9 (sqrt 1 → 3), L = 1: amount0 = 1 − 1/3 = 2/3 → 0 down, 1 up; amount1 = 2 exact.
    expect(getAmount0Delta(Q96, 3n * Q96, 1n, false)).toBe(0n);
    expect(getAmount0Delta(Q96, 3n * Q96, 1n, true)).toBe(1n);
    // √B − √A = 1.5: L = 3 → amount1 = 4.5 → 4 down, 5 up.
    expect(getAmount1Delta(Q96, (5n * Q96) / 2n, 3n, false)).toBe(4n);
    expect(getAmount1Delta(Q96, (5n * Q96) / 2n, 3n, true)).toBe(5n);
  });

  it('is zero for zero liquidity or an empty interval', () => {
    expect(getAmount0Delta(sqrtA, sqrtB, 0n, true)).toBe(0n);
    expect(getAmount1Delta(sqrtA, sqrtB, 0n, true)).toBe(0n);
    expect(getAmount0Delta(sqrtA, sqrtA, L, true)).toBe(0n);
  });

  it('refuses a zero sqrt price and a liquidity above uint128', () => {
    expect(() => getAmount0Delta(0n, sqrtB, L, false)).toThrow(RangeError);
    expect(() => getAmount1Delta(sqrtA, sqrtB, MAX_UINT128 + 1n, false)).toThrow(RangeError);
  });
});

describe('getAmount0Delta / getAmount1Delta against the SDK', () => {
  const sqrtPrice = fc.bigInt({ min: MIN_SQRT_RATIO, max: MAX_SQRT_RATIO });
  const liquidity = fc.integer({ min: 0, max: 128 }).chain((bits) => fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n }));

  it('agrees on random prices, liquidities and both roundings (seeded)', () => {
    fc.assert(
      fc.property(sqrtPrice, sqrtPrice, liquidity, fc.boolean(), (a, b, l, roundUp) => {
        const sdk0 = fromJsbi(SqrtPriceMath.getAmount0Delta(toJsbi(a), toJsbi(b), toJsbi(l), roundUp));
        const sdk1 = fromJsbi(SqrtPriceMath.getAmount1Delta(toJsbi(a), toJsbi(b), toJsbi(l), roundUp));
        expect(getAmount0Delta(a, b, l, roundUp)).toBe(sdk0);
        expect(getAmount1Delta(a, b, l, roundUp)).toBe(sdk1);
      }),
      { seed: 3001, numRuns: 1000 },
    );
  });
});
