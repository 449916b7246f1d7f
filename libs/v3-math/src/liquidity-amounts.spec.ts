import { Token } from '@uniswap/sdk-core';
import { Pool, Position, maxLiquidityForAmounts } from '@uniswap/v3-sdk';
import fc from 'fast-check';
import JSBI from 'jsbi';
import { Q192, Q96 } from './full-math';
import { amountsForLiquidity, getLiquidityForAmounts } from './liquidity-amounts';
import { isInRange } from './range';
import { MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK, getSqrtRatioAtTick, getTickAtSqrtRatio } from './tick-math';
import { MAX_UINT128 } from './uint';

// A failing property reports within seconds instead of shrinking big bigints for minutes.
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true });

const toJsbi = (x: bigint) => JSBI.BigInt(x.toString());
const fromJsbi = (x: JSBI) => BigInt(x.toString());

// Two pools with the 6- and 18-decimal tokens in both orders (token0 is the lower address).
const USDC = new Token(14, '0x0000000000000000000000000000000000000001', 6, 'USDC');
const WETH = new Token(14, '0x0000000000000000000000000000000000000002', 18, 'WETH');
const WFLR = new Token(14, '0x0000000000000000000000000000000000000003', 18, 'WFLR');
const USDT = new Token(14, '0x0000000000000000000000000000000000000004', 6, 'USDT');
const pairs = [
  { name: 'token0 6 dec / token1 18 dec', token0: USDC, token1: WETH },
  { name: 'token0 18 dec / token1 6 dec', token0: WFLR, token1: USDT },
];

/** What the SDK says burning the whole position pays (fee 100 → tick spacing 1, any ticks allowed). */
function sdkAmounts(token0: Token, token1: Token, p: Parameters<typeof amountsForLiquidity>[0]) {
  const pool = new Pool(token0, token1, 100, p.sqrtPriceX96.toString(), '0', p.tickCurrent);
  const position = new Position({ pool, liquidity: p.liquidity.toString(), tickLower: p.tickLower, tickUpper: p.tickUpper });
  return { amount0: fromJsbi(position.amount0.quotient), amount1: fromJsbi(position.amount1.quotient) };
}

/** floor(√n) by Newton's method from above (a power of two ≥ √n). */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (let y = (x + n / x) / 2n; y < x; y = (x + n / x) / 2n) x = y;
  return x;
}

/** sqrtPriceX96 for a human price (whole token1 per whole token0) of 10^exponent. */
function sqrtPriceForPrice(exponent: number, decimals0: number, decimals1: number): bigint {
  // raw price = human · 10^(decimals1 − decimals0); sqrtPriceX96 = sqrt(raw · 2^192).
  const e = exponent + decimals1 - decimals0;
  return e >= 0 ? isqrt(10n ** BigInt(e) * Q192) : isqrt(Q192 / 10n ** BigInt(-e));
}

describe('amountsForLiquidity, hand-worked', () => {
  const tickLower = -600;
  const tickUpper = 600;
  const liquidity = 10n ** 20n;
  const full0 = amountsForLiquidity({ liquidity, sqrtPriceX96: getSqrtRatioAtTick(-700), tickCurrent: -700, tickLower, tickUpper });
  const full1 = amountsForLiquidity({ liquidity, sqrtPriceX96: getSqrtRatioAtTick(700), tickCurrent: 700, tickLower, tickUpper });

  it('at price 1 in a symmetric range holds ≈ L·(1 − 1.0001^(−300)) of each token', () => {
    // amount0 = L·(1/√P − 1/√Pu), amount1 = L·(√P − √Pl); with P = 1, Pu = 1/Pl = 1.0001^600.
    const amounts = amountsForLiquidity({ liquidity, sqrtPriceX96: Q96, tickCurrent: 0, tickLower, tickUpper });
    const expected = 1e20 * (1 - Math.pow(1.0001, -300));
    expect(Number(amounts.amount0) / expected).toBeCloseTo(1, 9);
    expect(Number(amounts.amount1) / expected).toBeCloseTo(1, 9);
  });

  it('below the range holds only token0, above it only token1', () => {
    expect(full0.amount1).toBe(0n);
    expect(full0.amount0).toBeGreaterThan(0n);
    expect(full1.amount0).toBe(0n);
    expect(full1.amount1).toBeGreaterThan(0n);
    // Out of range the amounts do not depend on how far out the price is.
    expect(amountsForLiquidity({ liquidity, sqrtPriceX96: MIN_SQRT_RATIO, tickCurrent: MIN_TICK, tickLower, tickUpper })).toEqual(full0);
  });

  it('tick == tickLower is in range (and, at the edge price, still all token0)', () => {
    expect(isInRange(tickLower, tickLower, tickUpper)).toBe(true);
    const atLower = { liquidity, sqrtPriceX96: getSqrtRatioAtTick(tickLower), tickCurrent: tickLower, tickLower, tickUpper };
    expect(amountsForLiquidity(atLower)).toEqual(full0);
    expect(amountsForLiquidity(atLower)).toEqual(sdkAmounts(USDC, WETH, atLower));
    // One wei of sqrt price above the edge, some token1 appears.
    const inside = amountsForLiquidity({ ...atLower, sqrtPriceX96: getSqrtRatioAtTick(tickLower) + 2n ** 80n });
    expect(inside.amount1).toBeGreaterThan(0n);
  });

  it('tick == tickUpper is out of range and all token1', () => {
    expect(isInRange(tickUpper, tickLower, tickUpper)).toBe(false);
    const atUpper = { liquidity, sqrtPriceX96: getSqrtRatioAtTick(tickUpper), tickCurrent: tickUpper, tickLower, tickUpper };
    expect(amountsForLiquidity(atUpper)).toEqual(full1);
    expect(amountsForLiquidity(atUpper)).toEqual(sdkAmounts(USDC, WETH, atUpper));
  });

  it('decides by the tick when a swap down stopped exactly on a boundary (tick = boundary − 1)', () => {
    // slot0 after such a swap: sqrtPrice = ratio at tickLower, tick = tickLower − 1 → below range.
    const belowEdge = { liquidity, sqrtPriceX96: getSqrtRatioAtTick(tickLower), tickCurrent: tickLower - 1, tickLower, tickUpper };
    expect(amountsForLiquidity(belowEdge)).toEqual(full0);
    expect(amountsForLiquidity(belowEdge)).toEqual(sdkAmounts(USDC, WETH, belowEdge));
    // Same at the upper boundary: tick = tickUpper − 1 is in range, with no token0 left.
    const upperEdge = { liquidity, sqrtPriceX96: getSqrtRatioAtTick(tickUpper), tickCurrent: tickUpper - 1, tickLower, tickUpper };
    expect(amountsForLiquidity(upperEdge)).toEqual({ amount0: 0n, amount1: full1.amount1 });
    expect(amountsForLiquidity(upperEdge)).toEqual(sdkAmounts(USDC, WETH, upperEdge));
  });

  it('is zero for zero liquidity anywhere', () => {
    for (const tickCurrent of [-700, tickLower, 0, tickUpper, 700]) {
      const p = { liquidity: 0n, sqrtPriceX96: getSqrtRatioAtTick(tickCurrent), tickCurrent, tickLower, tickUpper };
      expect(amountsForLiquidity(p)).toEqual({ amount0: 0n, amount1: 0n });
    }
  });

  it('refuses an inverted range and a sqrt price inconsistent with the tick', () => {
    expect(() => amountsForLiquidity({ liquidity, sqrtPriceX96: Q96, tickCurrent: 0, tickLower: 10, tickUpper: 10 })).toThrow(RangeError);
    expect(() => amountsForLiquidity({ liquidity, sqrtPriceX96: getSqrtRatioAtTick(700), tickCurrent: 0, tickLower, tickUpper })).toThrow(RangeError);
  });
});

describe('amountsForLiquidity against the SDK Position', () => {
  describe.each(pairs)('$name', ({ token0, token1 }) => {
    // Human prices from 1e-12 to 1e12, a narrow and a wide range around each.
    const exponents = Array.from({ length: 25 }, (_, i) => i - 12);
    it.each(exponents)('at a price of 1e%i token1 per token0', (exponent) => {
      const sqrtPriceX96 = sqrtPriceForPrice(exponent, token0.decimals, token1.decimals);
      const tickCurrent = getTickAtSqrtRatio(sqrtPriceX96);
      // The price really is 10^exponent in human units (independent float check of the set-up).
      const human = (Number(sqrtPriceX96) / 2 ** 96) ** 2 * 10 ** (token0.decimals - token1.decimals);
      expect(Math.log10(human)).toBeCloseTo(exponent, 6);
      for (const [below, above] of [
        [10, 10],
        [1, 0],
        [0, 1],
        [5000, 20000],
        [tickCurrent - MIN_TICK, MAX_TICK - tickCurrent],
      ]) {
        const p = { liquidity: 123456789012345678901234n, sqrtPriceX96, tickCurrent, tickLower: tickCurrent - below!, tickUpper: tickCurrent + above! };
        if (p.tickLower === p.tickUpper) continue;
        expect(amountsForLiquidity(p)).toEqual(sdkAmounts(token0, token1, p));
      }
    });
  });

  it('agrees on random ranges, prices and liquidities (seeded)', () => {
    const tick = fc.integer({ min: MIN_TICK, max: MAX_TICK });
    const liquidity = fc.integer({ min: 0, max: 128 }).chain((bits) => fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n }));
    // A sqrt price anywhere in the current tick's interval, not only on tick boundaries.
    const slot0 = fc
      .integer({ min: MIN_TICK, max: MAX_TICK - 1 })
      .chain((t) => fc.bigInt({ min: getSqrtRatioAtTick(t), max: getSqrtRatioAtTick(t + 1) - 1n }).map((sqrtPriceX96) => ({ tickCurrent: t, sqrtPriceX96 })));
    fc.assert(
      fc.property(tick, tick, liquidity, slot0, fc.boolean(), (a, b, l, s, sixFirst) => {
        fc.pre(a !== b);
        const p = { liquidity: l, ...s, tickLower: Math.min(a, b), tickUpper: Math.max(a, b) };
        const pair = sixFirst ? pairs[0]! : pairs[1]!;
        expect(amountsForLiquidity(p)).toEqual(sdkAmounts(pair.token0, pair.token1, p));
      }),
      { seed: 4001, numRuns: 1000 },
    );
  });
});

describe('getLiquidityForAmounts', () => {
  const amount = fc.integer({ min: 0, max: 110 }).chain((bits) => fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n }));
  // Random bit widths spread sqrt prices over all binary orders of magnitude.
  const sqrtPrice = fc
    .integer({ min: 33, max: 160 })
    .chain((bits) => fc.bigInt({ min: 1n << BigInt(bits - 1), max: (1n << BigInt(bits)) - 1n }))
    .filter((p) => p >= MIN_SQRT_RATIO && p < MAX_SQRT_RATIO);

  /**
   * The SDK's answer with LiquidityAmounts.sol precision, or 'revert' where the contract's
   * toUint128 would revert: in range it converts both sides before taking the minimum, so
   * either side overflowing reverts (the SDK itself never checks). A side alone is the
   * SDK's one-token branch over the sub-interval.
   */
  function sdkLiquidity(current: bigint, a: bigint, b: bigint, amount0: bigint, amount1: bigint): bigint | 'revert' {
    const sdk = (c: bigint, x: bigint, y: bigint, a0: bigint, a1: bigint) =>
      fromJsbi(maxLiquidityForAmounts(toJsbi(c), toJsbi(x), toJsbi(y), a0.toString(), a1.toString(), false));
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const sides =
      current <= lo
        ? [sdk(current, lo, hi, amount0, 0n)]
        : current < hi
          ? [sdk(current, current, hi, amount0, 0n), sdk(current, lo, current, 0n, amount1)]
          : [sdk(current, lo, hi, 0n, amount1)];
    if (sides.some((l) => l > MAX_UINT128)) return 'revert';
    expect(sdk(current, a, b, amount0, amount1)).toBe(sides.reduce((x, y) => (x < y ? x : y)));
    return sides.reduce((x, y) => (x < y ? x : y));
  }

  it('matches the SDK maxLiquidityForAmounts (LiquidityAmounts.sol precision) on random inputs (seeded)', () => {
    fc.assert(
      fc.property(sqrtPrice, sqrtPrice, sqrtPrice, amount, amount, (current, a, b, amount0, amount1) => {
        fc.pre(a !== b);
        const expected = sdkLiquidity(current, a, b, amount0, amount1);
        if (expected === 'revert') expect(() => getLiquidityForAmounts(current, a, b, amount0, amount1)).toThrow(RangeError);
        else expect(getLiquidityForAmounts(current, a, b, amount0, amount1)).toBe(expected);
      }),
      { seed: 5001, numRuns: 1000 },
    );
  });

  it('matches Position.fromAmounts and never mints more than was provided (seeded)', () => {
    const tick = fc.integer({ min: -200_000, max: 200_000 });
    fc.assert(
      fc.property(tick, tick, tick, amount, amount, (t, a, b, amount0, amount1) => {
        fc.pre(a !== b);
        const [tickLower, tickUpper] = [Math.min(a, b), Math.max(a, b)];
        const sqrtPriceX96 = getSqrtRatioAtTick(t);
        const [sqrtLower, sqrtUpper] = [getSqrtRatioAtTick(tickLower), getSqrtRatioAtTick(tickUpper)];
        fc.pre(sdkLiquidity(sqrtPriceX96, sqrtLower, sqrtUpper, amount0, amount1) !== 'revert');
        const pool = new Pool(USDC, WETH, 100, sqrtPriceX96.toString(), '0', t);
        const sdk = Position.fromAmounts({ pool, tickLower, tickUpper, amount0: amount0.toString(), amount1: amount1.toString(), useFullPrecision: false });
        const liquidity = getLiquidityForAmounts(sqrtPriceX96, sqrtLower, sqrtUpper, amount0, amount1);
        expect(liquidity).toBe(fromJsbi(sdk.liquidity));
        const back = amountsForLiquidity({ liquidity, sqrtPriceX96, tickCurrent: t, tickLower, tickUpper });
        expect(back.amount0).toBeLessThanOrEqual(amount0);
        expect(back.amount1).toBeLessThanOrEqual(amount1);
      }),
      { seed: 5002, numRuns: 500 },
    );
  });

  it('hand-worked: 1e18 of token1 over sqrt price 1 → 2 buys L = 1e18', () => {
    // amount1 = L·(√B − √A) → L = 1e18 / (2 − 1); current price above the range.
    expect(getLiquidityForAmounts(3n * Q96, Q96, 2n * Q96, 0n, 10n ** 18n)).toBe(10n ** 18n);
    // Below the range only token0 counts: amount0 = L·(1/√A − 1/√B) = L/2 → L = 2·amount0.
    expect(getLiquidityForAmounts(Q96 / 2n, Q96, 2n * Q96, 5n * 10n ** 17n, 999n)).toBe(10n ** 18n);
  });

  it('refuses liquidity above uint128 as LiquidityAmounts.toUint128 does', () => {
    expect(() => getLiquidityForAmounts(Q96 + 2n, Q96, Q96 + 1n, 0n, 2n ** 200n)).toThrow(RangeError);
  });
});
