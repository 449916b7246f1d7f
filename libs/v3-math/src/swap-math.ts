import { Q96, divRoundingUp, mulDiv, mulDivRoundingUp } from './full-math';
import { getAmount0Delta, getAmount1Delta } from './sqrt-price-math';
import { MAX_UINT160, MAX_UINT256, assertUint } from './uint';

/**
 * The price move of a swap step (SqrtPriceMath.getNextSqrtPrice* and SwapMath.computeSwapStep),
 * bit for bit: the pool splits a swap into steps at initialized ticks and word boundaries and
 * rounds in every step, so only the exact integer rules reproduce its logged prices and amounts.
 */

/** Solidity's overflow checks of getNextSqrtPriceFromAmount0RoundingUp decide between two roundings; mirrored. */
function nextSqrtPriceFromAmount0RoundingUp(sqrtPX96: bigint, liquidity: bigint, amount: bigint, add: boolean): bigint {
  if (amount === 0n) return sqrtPX96;
  const numerator1 = liquidity << 96n;
  const product = amount * sqrtPX96;
  if (add) {
    if (product <= MAX_UINT256) {
      const denominator = numerator1 + product;
      if (denominator <= MAX_UINT256) return mulDivRoundingUp(numerator1, sqrtPX96, denominator);
    }
    return divRoundingUp(numerator1, numerator1 / sqrtPX96 + amount);
  }
  if (product > MAX_UINT256 || numerator1 <= product) throw new RangeError('getNextSqrtPriceFromAmount0RoundingUp: price would underflow');
  const next = mulDivRoundingUp(numerator1, sqrtPX96, numerator1 - product);
  assertUint(next, 160, 'next sqrt price');
  return next;
}

function nextSqrtPriceFromAmount1RoundingDown(sqrtPX96: bigint, liquidity: bigint, amount: bigint, add: boolean): bigint {
  // The contract's two branches (amount ≤ 2^160 or not) compute the same value without overflow on bigint.
  if (add) {
    const next = sqrtPX96 + mulDiv(amount, Q96, liquidity);
    assertUint(next, 160, 'next sqrt price');
    return next;
  }
  const quotient = mulDivRoundingUp(amount, Q96, liquidity);
  if (sqrtPX96 <= quotient) throw new RangeError('getNextSqrtPriceFromAmount1RoundingDown: price would underflow');
  return sqrtPX96 - quotient;
}

function assertPriceAndLiquidity(sqrtPX96: bigint, liquidity: bigint): void {
  if (sqrtPX96 <= 0n || sqrtPX96 > MAX_UINT160) throw new RangeError(`sqrtPX96 must be a positive uint160, got ${sqrtPX96}`);
  if (liquidity <= 0n) throw new RangeError(`liquidity must be positive, got ${liquidity}`);
  assertUint(liquidity, 128, 'liquidity');
}

/** The sqrt price after `amountIn` of the input token goes in (rounded so the pool never gives too much). */
export function getNextSqrtPriceFromInput(sqrtPX96: bigint, liquidity: bigint, amountIn: bigint, zeroForOne: boolean): bigint {
  assertPriceAndLiquidity(sqrtPX96, liquidity);
  return zeroForOne
    ? nextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountIn, true)
    : nextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountIn, true);
}

/** The sqrt price after `amountOut` of the output token leaves. */
export function getNextSqrtPriceFromOutput(sqrtPX96: bigint, liquidity: bigint, amountOut: bigint, zeroForOne: boolean): bigint {
  assertPriceAndLiquidity(sqrtPX96, liquidity);
  return zeroForOne
    ? nextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountOut, false)
    : nextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountOut, false);
}

export interface SwapStep {
  sqrtRatioNextX96: bigint;
  amountIn: bigint;
  amountOut: bigint;
  feeAmount: bigint;
}

const FEE_DENOMINATOR = 1_000_000n;

/**
 * One step of a swap toward `sqrtRatioTargetX96` within constant liquidity. `amountRemaining`
 * is signed as in the pool: positive = exact input left, negative = exact output left.
 * `feePips` is the pool fee in hundredths of a bip (500 = 0.05%).
 */
export function computeSwapStep(
  sqrtRatioCurrentX96: bigint,
  sqrtRatioTargetX96: bigint,
  liquidity: bigint,
  amountRemaining: bigint,
  feePips: number,
): SwapStep {
  const fee = BigInt(feePips);
  const zeroForOne = sqrtRatioCurrentX96 >= sqrtRatioTargetX96;
  const exactIn = amountRemaining >= 0n;
  let sqrtRatioNextX96: bigint;
  let amountIn = 0n;
  let amountOut = 0n;

  if (exactIn) {
    const remainingLessFee = mulDiv(amountRemaining, FEE_DENOMINATOR - fee, FEE_DENOMINATOR);
    amountIn = zeroForOne
      ? getAmount0Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, true)
      : getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, true);
    sqrtRatioNextX96 =
      remainingLessFee >= amountIn ? sqrtRatioTargetX96 : getNextSqrtPriceFromInput(sqrtRatioCurrentX96, liquidity, remainingLessFee, zeroForOne);
  } else {
    amountOut = zeroForOne
      ? getAmount1Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, false)
      : getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, false);
    sqrtRatioNextX96 =
      -amountRemaining >= amountOut ? sqrtRatioTargetX96 : getNextSqrtPriceFromOutput(sqrtRatioCurrentX96, liquidity, -amountRemaining, zeroForOne);
  }

  const max = sqrtRatioTargetX96 === sqrtRatioNextX96;
  if (zeroForOne) {
    if (!(max && exactIn)) amountIn = getAmount0Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, true);
    if (!(max && !exactIn)) amountOut = getAmount1Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, false);
  } else {
    if (!(max && exactIn)) amountIn = getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, true);
    if (!(max && !exactIn)) amountOut = getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, false);
  }
  // The output can exceed what was asked for by rounding; the pool caps it.
  if (!exactIn && amountOut > -amountRemaining) amountOut = -amountRemaining;

  const feeAmount =
    exactIn && sqrtRatioNextX96 !== sqrtRatioTargetX96
      ? amountRemaining - amountIn // the rest of the input is the fee
      : mulDivRoundingUp(amountIn, fee, FEE_DENOMINATOR - fee);
  return { sqrtRatioNextX96, amountIn, amountOut, feeAmount };
}
