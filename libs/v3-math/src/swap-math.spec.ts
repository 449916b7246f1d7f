import { SqrtPriceMath, SwapMath } from '@uniswap/v3-sdk';
import fc from 'fast-check';
import JSBI from 'jsbi';
import { Q96 } from './full-math';
import { computeSwapStep, getNextSqrtPriceFromInput, getNextSqrtPriceFromOutput } from './swap-math';
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from './tick-math';
import { MAX_UINT128, MAX_UINT160 } from './uint';

const toJsbi = (x: bigint) => JSBI.BigInt(x.toString());
const fromJsbi = (x: JSBI) => BigInt(x.toString());

fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true });

const sqrtPrice = fc.bigInt({ min: MIN_SQRT_RATIO, max: MAX_SQRT_RATIO - 1n });
const liquidity = fc.bigInt({ min: 1n, max: MAX_UINT128 });
const amount = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 0n, max: (1n << 255n) - 1n }));
const fee = fc.constantFrom(100, 500, 3000, 10000);

/** The SDK's answer, or the fact that it threw (the contract reverts there too). */
function sdk<T>(fn: () => T): T | 'reverts' {
  try {
    return fn();
  } catch {
    return 'reverts';
  }
}
function ours<T>(fn: () => T): T | 'reverts' {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RangeError) return 'reverts';
    throw err;
  }
}

describe('getNextSqrtPriceFromInput / Output, hand-worked', () => {
  it('moves the price by amount1/L up for token1 in, and by the reciprocal rule for token0 in', () => {
    // L = 1e18 at price 1 (√P = 1): 1e17 of token1 in → √P = 1.1 exactly.
    expect(getNextSqrtPriceFromInput(Q96, 10n ** 18n, 10n ** 17n, false)).toBe((Q96 * 11n) / 10n);
    // 1e18 of token0 in: 1/√P' = 1/√P + x/L = 2 → √P' = 0.5, rounded up.
    expect(getNextSqrtPriceFromInput(Q96, 10n ** 18n, 10n ** 18n, true)).toBe(Q96 / 2n);
  });

  it('takes out token1 for zeroForOne, rounding the price down', () => {
    expect(getNextSqrtPriceFromOutput(Q96, 10n ** 18n, 10n ** 17n, true)).toBe((Q96 * 9n) / 10n);
  });

  it('refuses an output the liquidity cannot give', () => {
    expect(() => getNextSqrtPriceFromOutput(Q96, 10n ** 18n, 10n ** 18n, true)).toThrow(RangeError);
  });
});

describe('computeSwapStep, hand-worked', () => {
  it('stops at the target when the input suffices and charges the fee on top', () => {
    // L = 1e18, √P 1 → 1.1: amount1 in = 1e17 exactly; fee 0.3% on it, rounded up.
    const step = computeSwapStep(Q96, (Q96 * 11n) / 10n, 10n ** 18n, 10n ** 18n, 3000);
    expect(step.sqrtRatioNextX96).toBe((Q96 * 11n) / 10n);
    expect(step.amountIn).toBe(10n ** 17n);
    expect(step.feeAmount).toBe((10n ** 17n * 3000n + 997_000n - 1n) / 997_000n);
  });

  it('spends the whole exact input short of the target: fee = input − amountIn', () => {
    const step = computeSwapStep(Q96, 2n * Q96, 10n ** 18n, 10n ** 15n, 500);
    expect(step.sqrtRatioNextX96).toBeLessThan(2n * Q96);
    expect(step.amountIn + step.feeAmount).toBe(10n ** 15n);
  });
});

describe('against @uniswap/v3-sdk', () => {
  it('getNextSqrtPriceFromInput equals the SDK', () => {
    fc.assert(
      fc.property(sqrtPrice, liquidity, amount, fc.boolean(), (p, l, a, zeroForOne) => {
        const expected = sdk(() => fromJsbi(SqrtPriceMath.getNextSqrtPriceFromInput(toJsbi(p), toJsbi(l), toJsbi(a), zeroForOne)));
        // The SDK skips the contract's toUint160 check of a price pushed past 2^160.
        expect(ours(() => getNextSqrtPriceFromInput(p, l, a, zeroForOne))).toEqual(
          typeof expected === 'bigint' && expected > MAX_UINT160 ? 'reverts' : expected,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('getNextSqrtPriceFromOutput equals the SDK', () => {
    fc.assert(
      fc.property(sqrtPrice, liquidity, amount, fc.boolean(), (p, l, a, zeroForOne) => {
        const expected = sdk(() => fromJsbi(SqrtPriceMath.getNextSqrtPriceFromOutput(toJsbi(p), toJsbi(l), toJsbi(a), zeroForOne)));
        expect(ours(() => getNextSqrtPriceFromOutput(p, l, a, zeroForOne))).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('computeSwapStep equals the SDK for exact input and exact output', () => {
    fc.assert(
      fc.property(sqrtPrice, sqrtPrice, liquidity, fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fee, (current, target, l, remaining, f) => {
        const expected = sdk(() => SwapMath.computeSwapStep(toJsbi(current), toJsbi(target), toJsbi(l), toJsbi(remaining), f).map(fromJsbi));
        const actual = ours(() => {
          const s = computeSwapStep(current, target, l, remaining, f);
          return [s.sqrtRatioNextX96, s.amountIn, s.amountOut, s.feeAmount];
        });
        expect(actual).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });
});
