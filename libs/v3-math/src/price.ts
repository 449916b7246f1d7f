import { Q192 } from './full-math';
import { type Ratio, divRatio, ONE_RATIO, ratio } from './ratio';
import { getSqrtRatioAtTick } from './tick-math';

/**
 * Pool prices as exact Ratios in human units (decimals applied). The pool's raw price is
 * (sqrtPriceX96 / 2^96)^2 = token1 smallest units per token0 smallest unit; one whole
 * token0 (10^decimals0 units) is then worth that · 10^decimals0 / 10^decimals1 whole token1.
 */

export interface PoolPriceParams {
  sqrtPriceX96: bigint;
  decimals0: number;
  decimals1: number;
}

function pow10(decimals: number): bigint {
  if (!Number.isInteger(decimals) || decimals < 0) throw new RangeError(`decimals must be a non-negative integer: ${decimals}`);
  return 10n ** BigInt(decimals);
}

/** Price of one token0 in token1 (how many token1 one token0 buys). */
export function price1Per0({ sqrtPriceX96, decimals0, decimals1 }: PoolPriceParams): Ratio {
  if (sqrtPriceX96 <= 0n) throw new RangeError(`sqrtPriceX96 must be positive: ${sqrtPriceX96}`);
  return ratio(sqrtPriceX96 * sqrtPriceX96 * pow10(decimals0), Q192 * pow10(decimals1));
}

/** Price of one token1 in token0: the inverse of price1Per0. */
export function price0Per1(params: PoolPriceParams): Ratio {
  return divRatio(ONE_RATIO, price1Per0(params));
}

export interface TickPriceParams {
  tick: number;
  decimals0: number;
  decimals1: number;
}

/**
 * Price of token0 in token1 at a tick, via the pool's own sqrt ratio at that tick (as the
 * SDK's tickToPrice does) rather than 1.0001^tick, whose exact form is too large.
 */
export function tickToPrice({ tick, decimals0, decimals1 }: TickPriceParams): Ratio {
  return price1Per0({ sqrtPriceX96: getSqrtRatioAtTick(tick), decimals0, decimals1 });
}
