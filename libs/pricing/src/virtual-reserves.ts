import { Q96, type Ratio, ratio } from '@lib/v3-math';

/**
 * The in-range virtual reserves of a V3 pool, in raw token units, exactly: the reserves a
 * constant-product pool with the same liquidity L and price would hold (x·y = L², y/x = P).
 * With √P = sqrtPriceX96 / 2^96: x = L / √P and y = L · √P. They measure how much of each
 * token trades near the current price — the pool's depth there.
 */
export function virtualReserve0(liquidity: bigint, sqrtPriceX96: bigint): Ratio {
  return ratio(liquidity * Q96, sqrtPriceX96);
}

export function virtualReserve1(liquidity: bigint, sqrtPriceX96: bigint): Ratio {
  return ratio(liquidity * sqrtPriceX96, Q96);
}
