import { Q96, divRoundingUp, mulDiv, mulDivRoundingUp } from './full-math';
import { assertUint } from './uint';

/**
 * Token amounts between two sqrt prices for a liquidity (SqrtPriceMath.sol). The pool
 * rounds up what it takes in (mint) and down what it pays out (burn), so the direction
 * is a parameter, as in the contract.
 */

function ordered(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint): [bigint, bigint] {
  assertUint(sqrtRatioAX96, 160, 'sqrtRatioAX96');
  assertUint(sqrtRatioBX96, 160, 'sqrtRatioBX96');
  return sqrtRatioAX96 > sqrtRatioBX96 ? [sqrtRatioBX96, sqrtRatioAX96] : [sqrtRatioAX96, sqrtRatioBX96];
}

/** amount0 = L · (√B − √A) / (√A · √B), i.e. L·2^96·(√B − √A)/√B/√A in Q96 terms. */
export function getAmount0Delta(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint, roundUp: boolean): bigint {
  const [sqrtA, sqrtB] = ordered(sqrtRatioAX96, sqrtRatioBX96);
  assertUint(liquidity, 128, 'liquidity');
  if (sqrtA === 0n) throw new RangeError('getAmount0Delta: sqrt ratio is zero');

  const numerator1 = liquidity << 96n;
  const numerator2 = sqrtB - sqrtA;
  return roundUp ? divRoundingUp(mulDivRoundingUp(numerator1, numerator2, sqrtB), sqrtA) : mulDiv(numerator1, numerator2, sqrtB) / sqrtA;
}

/** amount1 = L · (√B − √A). */
export function getAmount1Delta(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint, roundUp: boolean): bigint {
  const [sqrtA, sqrtB] = ordered(sqrtRatioAX96, sqrtRatioBX96);
  assertUint(liquidity, 128, 'liquidity');
  return roundUp ? mulDivRoundingUp(liquidity, sqrtB - sqrtA, Q96) : mulDiv(liquidity, sqrtB - sqrtA, Q96);
}
