import { Q192, Q96 } from './full-math';
import { impermanentLoss } from './impermanent-loss';
import { amountsForLiquidity } from './liquidity-amounts';
import { price1Per0 } from './price';
import { ONE_RATIO, parseRatio, ratio, ratioToNumber } from './ratio';
import { MAX_TICK, MIN_TICK, getTickAtSqrtRatio } from './tick-math';

/** floor(√n) by Newton's method from above. */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (let y = (x + n / x) / 2n; y < x; y = (x + n / x) / 2n) x = y;
  return x;
}

describe('impermanentLoss', () => {
  it('hand-worked: 1 ETH + 2000 USDC deposited, 0.5 ETH + 3000 USDC now, ETH at 2500', () => {
    // position = 0.5·2500 + 3000 = 4250; hodl = 1·2500 + 2000 = 4500;
    // il = −250 USD (a loss), il% = −250 / 4500 = −1/18.
    const il = impermanentLoss({
      amount0: 5n * 10n ** 17n,
      amount1: 3000n * 10n ** 6n,
      netDeposited0: 10n ** 18n,
      netDeposited1: 2000n * 10n ** 6n,
      decimals0: 18,
      decimals1: 6,
      price0Usd: ratio(2500n),
      price1Usd: ONE_RATIO,
    });
    expect(il.valuePosition).toEqual(ratio(4250n));
    expect(il.valueHodl).toEqual(ratio(4500n));
    expect(il.ilUsd).toEqual(ratio(-250n));
    expect(il.ilPct).toEqual(ratio(-1n, 18n));
  });

  it('handles a net deposit that went negative for one token', () => {
    // Deposited 1 ETH + 2000 USDC, withdrew 1.2 ETH: net −0.2 ETH, 2000 USDC.
    // hodl = −0.2·2500 + 2000 = 1500; position 1400 USDC → il −100, il% −1/15.
    const il = impermanentLoss({
      amount0: 0n,
      amount1: 1400n * 10n ** 6n,
      netDeposited0: -2n * 10n ** 17n,
      netDeposited1: 2000n * 10n ** 6n,
      decimals0: 18,
      decimals1: 6,
      price0Usd: parseRatio('2500'),
      price1Usd: ONE_RATIO,
    });
    expect(il.ilUsd).toEqual(ratio(-100n));
    expect(il.ilPct).toEqual(ratio(-1n, 15n));
  });

  it('gives null il% when nothing is held on the HODL side', () => {
    const il = impermanentLoss({
      amount0: 0n,
      amount1: 0n,
      netDeposited0: 0n,
      netDeposited1: 0n,
      decimals0: 18,
      decimals1: 6,
      price0Usd: ratio(2500n),
      price1Usd: ONE_RATIO,
    });
    expect(il.ilPct).toBeNull();
    expect(il.ilUsd).toEqual(ratio(0n));
  });

  it('full-range position, price doubles: il ≈ −5.72 % of HODL (2√2/3 − 1)', () => {
    // Constant product over (almost) the full range: x = L/√P, y = L·√P (token1 per token0 price P).
    // Value in token1: V(P) = x·P + y = 2L√P. Deposit at P0 = 1: x0 = y0 = L.
    // HODL at P: x0·P + y0 = L(P + 1). Ratio V/HODL = 2√P / (1 + P); at P = 2: 2√2/3 = 0.94281,
    // so il% = 2√2/3 − 1 ≈ −0.05719. MIN_TICK..MAX_TICK only cuts the curve at sqrt prices
    // 2^±64, a relative effect ~1e-19, and integer rounding is ~1e-24 at this liquidity.
    const liquidity = 10n ** 24n;
    const range = { tickLower: MIN_TICK, tickUpper: MAX_TICK };
    const deposited = amountsForLiquidity({ liquidity, sqrtPriceX96: Q96, tickCurrent: 0, ...range });

    const sqrtPriceX96 = isqrt(2n * Q192); // price 2
    const now = amountsForLiquidity({ liquidity, sqrtPriceX96, tickCurrent: getTickAtSqrtRatio(sqrtPriceX96), ...range });
    // Both tokens 18 decimals; token1 is the USD stablecoin, token0 is worth the pool price.
    const price0Usd = price1Per0({ sqrtPriceX96, decimals0: 18, decimals1: 18 });
    expect(ratioToNumber(price0Usd)).toBeCloseTo(2, 12);

    const il = impermanentLoss({
      amount0: now.amount0,
      amount1: now.amount1,
      netDeposited0: deposited.amount0,
      netDeposited1: deposited.amount1,
      decimals0: 18,
      decimals1: 18,
      price0Usd,
      price1Usd: ONE_RATIO,
    });
    expect(ratioToNumber(il.ilPct!)).toBeCloseTo((2 * Math.SQRT2) / 3 - 1, 12);
    expect(ratioToNumber(il.ilPct!)).toBeCloseTo(-0.0572, 4);
    // In USD: hodl = L(P + 1)/1e18 = 3e6, position = 2L√2/1e18 ≈ 2.828e6.
    expect(ratioToNumber(il.valueHodl)).toBeCloseTo(3e6, 3);
    expect(ratioToNumber(il.valuePosition)).toBeCloseTo(2e6 * Math.SQRT2, 3);
    expect(ratioToNumber(il.ilUsd)).toBeLessThan(0);
  });

  it('is zero when the price has not moved', () => {
    const liquidity = 10n ** 21n;
    const p = { liquidity, sqrtPriceX96: Q96, tickCurrent: 0, tickLower: -1000, tickUpper: 3000 };
    const amounts = amountsForLiquidity(p);
    const il = impermanentLoss({
      ...amounts,
      netDeposited0: amounts.amount0,
      netDeposited1: amounts.amount1,
      decimals0: 6,
      decimals1: 18,
      price0Usd: ONE_RATIO,
      price1Usd: ratio(3n),
    });
    expect(il.ilUsd).toEqual(ratio(0n));
    expect(il.ilPct).toEqual(ratio(0n));
  });
});
