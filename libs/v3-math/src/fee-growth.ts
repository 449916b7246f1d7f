import { Q128, mulDiv } from './full-math';
import { assertUint, wrapUint128, wrapUint256 } from './uint';

/**
 * Fee accounting of a position, for one token at a time (call it for token0 and token1).
 *
 * Fee growth values are uint256 accumulators that are allowed to overflow: only their
 * differences mean something, so every subtraction here is mod 2^256, as in the
 * contracts. A "negative" intermediate (global below an outside value) is normal.
 */

/**
 * Fees earned per unit of liquidity inside [tickLower, tickUpper), Q128.128
 * (Tick.getFeeGrowthInside). Outside values are the ticks' feeGrowthOutsideX128.
 */
export function feeGrowthInside(
  tickCurrent: number,
  tickLower: number,
  tickUpper: number,
  feeGrowthGlobalX128: bigint,
  lowerFeeGrowthOutsideX128: bigint,
  upperFeeGrowthOutsideX128: bigint,
): bigint {
  assertUint(feeGrowthGlobalX128, 256, 'feeGrowthGlobalX128');
  assertUint(lowerFeeGrowthOutsideX128, 256, 'lowerFeeGrowthOutsideX128');
  assertUint(upperFeeGrowthOutsideX128, 256, 'upperFeeGrowthOutsideX128');

  // "Outside" is relative to the current tick: below the lower tick it means above it.
  const below = tickCurrent >= tickLower ? lowerFeeGrowthOutsideX128 : wrapUint256(feeGrowthGlobalX128 - lowerFeeGrowthOutsideX128);
  const above = tickCurrent < tickUpper ? upperFeeGrowthOutsideX128 : wrapUint256(feeGrowthGlobalX128 - upperFeeGrowthOutsideX128);
  return wrapUint256(feeGrowthGlobalX128 - below - above);
}

export interface UnclaimedFeesParams {
  /** The position's liquidity (uint128). */
  liquidity: bigint;
  /** feeGrowthInside for the position's range now (see feeGrowthInside). */
  feeGrowthInsideX128: bigint;
  /** The position's feeGrowthInsideLastX128 as stored by the position manager. */
  feeGrowthInsideLastX128: bigint;
  /** The position's tokensOwed as stored by the position manager (uint128). */
  tokensOwed: bigint;
}

/**
 * What `collect(max)` would pay in fees now, raw units: the NonfungiblePositionManager's
 * `tokensOwed += uint128(FullMath.mulDiv(feeGrowthInside - feeGrowthInsideLast, liquidity, Q128))`.
 * Solidity 0.7 truncates the uint128 downcast and the uint128 addition silently; mirrored.
 */
export function unclaimedFees({ liquidity, feeGrowthInsideX128, feeGrowthInsideLastX128, tokensOwed }: UnclaimedFeesParams): bigint {
  assertUint(liquidity, 128, 'liquidity');
  assertUint(feeGrowthInsideX128, 256, 'feeGrowthInsideX128');
  assertUint(feeGrowthInsideLastX128, 256, 'feeGrowthInsideLastX128');
  assertUint(tokensOwed, 128, 'tokensOwed');

  const growth = wrapUint256(feeGrowthInsideX128 - feeGrowthInsideLastX128);
  return wrapUint128(tokensOwed + wrapUint128(mulDiv(growth, liquidity, Q128)));
}
