import fc from 'fast-check';
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO, Q192, Q96, ratio, ratioToNumber } from '@lib/v3-math';
import type { PoolTokens } from './pool-directory';
import { quoteInPool } from './pool-quote';
import type { PoolState } from './pool-state';
import { sdkHumanPrice, sdkPool, sdkToken } from './uniswap-sdk-oracle';

const TOKEN0 = '0x0000000000000000000000000000000000000001';
const TOKEN1 = '0x0000000000000000000000000000000000000002';
const POOL: PoolTokens = { address: '0x00000000000000000000000000000000000000aa', token0: TOKEN0, token1: TOKEN1, decimals0: null, decimals1: null };

function state(sqrtPriceX96: bigint, liquidity: bigint | null = null): PoolState {
  return { pool: POOL.address, sqrtPriceX96, tick: 0, liquidity, source: { id: 'x', eventName: 'Swap', blockNumber: 1, logIndex: 0 } };
}

/** floor(√n), Newton's method from above. */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (let y = (x + n / x) / 2n; y < x; y = (x + n / x) / 2n) x = y;
  return x;
}

/** sqrtPriceX96 nearest below a human price of 10^exponent whole token1 per whole token0. */
function sqrtPriceForPrice(exponent: number, decimals0: number, decimals1: number): bigint {
  const e = exponent + decimals1 - decimals0; // raw price = human · 10^(decimals1 − decimals0)
  return e >= 0 ? isqrt(10n ** BigInt(e) * Q192) : isqrt(Q192 / 10n ** BigInt(-e));
}

const DECIMAL_PAIRS: [number, number][] = [
  [6, 18],
  [18, 6],
  [18, 18],
];
const EXPONENTS = Array.from({ length: 25 }, (_, i) => i - 12); // 1e-12 … 1e12

describe('quoteInPool: price of either token in the other, against the Uniswap SDK', () => {
  describe.each(DECIMAL_PAIRS)('decimals (%i, %i)', (decimals0, decimals1) => {
    const t0 = sdkToken(TOKEN0, decimals0);
    const t1 = sdkToken(TOKEN1, decimals1);

    it.each(EXPONENTS)('at a token0 price of 1e%i token1', (exponent) => {
      const sqrtPriceX96 = sqrtPriceForPrice(exponent, decimals0, decimals1);
      const sdk = sdkPool(t0, t1, sqrtPriceX96);
      const of0 = quoteInPool({ pool: POOL, state: state(sqrtPriceX96), base: TOKEN0, decimals0, decimals1 });
      const of1 = quoteInPool({ pool: POOL, state: state(sqrtPriceX96), base: TOKEN1, decimals0, decimals1 });
      expect(of0.quote).toBe(TOKEN1);
      expect(of1.quote).toBe(TOKEN0);
      expect(of0.price).toEqual(sdkHumanPrice(sdk.priceOf(t0)));
      expect(of1.price).toEqual(sdkHumanPrice(sdk.priceOf(t1)));
      // And the magnitude is the one asked for (the sqrt price is rounded down by < 1 part in 10^15).
      expect(ratioToNumber(of0.price) / 10 ** exponent).toBeCloseTo(1, 9);
      expect(ratioToNumber(of1.price) * 10 ** exponent).toBeCloseTo(1, 9);
    });

    it('at any valid sqrt price', () => {
      fc.assert(
        fc.property(fc.bigInt({ min: MIN_SQRT_RATIO, max: MAX_SQRT_RATIO - 1n }), (sqrtPriceX96) => {
          const sdk = sdkPool(t0, t1, sqrtPriceX96);
          const of0 = quoteInPool({ pool: POOL, state: state(sqrtPriceX96), base: TOKEN0, decimals0, decimals1 });
          const of1 = quoteInPool({ pool: POOL, state: state(sqrtPriceX96), base: TOKEN1.toUpperCase().replace('0X', '0x'), decimals0, decimals1 });
          expect(of0.price).toEqual(sdkHumanPrice(sdk.priceOf(t0)));
          expect(of1.price).toEqual(sdkHumanPrice(sdk.priceOf(t1)));
        }),
        { numRuns: 200 },
      );
    });
  });
});

describe('quoteInPool: depth of the quote side', () => {
  it('is the in-range virtual reserve of the other token in whole tokens, hand-worked', () => {
    // L = 1e18 at √P = 2 (raw price 4): virtual reserve1 = L·√P = 2e18 raw, reserve0 = L/√P = 5e17 raw.
    const s = state(2n * Q96, 10n ** 18n);
    expect(quoteInPool({ pool: POOL, state: s, base: TOKEN0, decimals0: 18, decimals1: 6 }).quoteReserve).toEqual(ratio(2n * 10n ** 12n));
    expect(quoteInPool({ pool: POOL, state: s, base: TOKEN1, decimals0: 18, decimals1: 6 }).quoteReserve).toEqual(ratio(1n, 2n));
  });

  it('is zero when the state has no liquidity (an Initialize) or none in range', () => {
    expect(quoteInPool({ pool: POOL, state: state(Q96, null), base: TOKEN0, decimals0: 18, decimals1: 18 }).quoteReserve).toEqual(ratio(0n));
    expect(quoteInPool({ pool: POOL, state: state(Q96, 0n), base: TOKEN1, decimals0: 18, decimals1: 18 }).quoteReserve).toEqual(ratio(0n));
  });

  it('refuses a token that is not in the pool', () => {
    expect(() => quoteInPool({ pool: POOL, state: state(Q96), base: '0x0000000000000000000000000000000000000003', decimals0: 18, decimals1: 18 })).toThrow(
      /not a token of pool/,
    );
  });
});
