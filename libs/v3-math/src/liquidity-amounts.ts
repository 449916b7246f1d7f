import { Q96, mulDiv } from './full-math';
import { getAmount0Delta, getAmount1Delta } from './sqrt-price-math';
import { getSqrtRatioAtTick } from './tick-math';
import { assertUint } from './uint';

/** Raw token amounts (smallest units) of a position. */
export interface TokenAmounts {
  amount0: bigint;
  amount1: bigint;
}

export interface AmountsForLiquidityParams {
  liquidity: bigint;
  /** The pool's slot0.sqrtPriceX96. */
  sqrtPriceX96: bigint;
  /** The pool's slot0.tick: this, not the sqrt price, decides below / in / above range. */
  tickCurrent: number;
  tickLower: number;
  tickUpper: number;
}

/**
 * The principal a position's liquidity is worth now: exactly what the pool would pay on
 * burning all of it (UniswapV3Pool._modifyPosition with a negative delta, so rounded down).
 * Fees owed are not included.
 *
 * The pool branches on slot0.tick, and the tick can sit one below a boundary while the
 * sqrt price equals the boundary's (after a swap down ends exactly on it), so deciding by
 * the sqrt price, as LiquidityAmounts.getAmountsForLiquidity does, would differ there.
 */
export function amountsForLiquidity({ liquidity, sqrtPriceX96, tickCurrent, tickLower, tickUpper }: AmountsForLiquidityParams): TokenAmounts {
  if (tickLower >= tickUpper) throw new RangeError(`tickLower ${tickLower} must be below tickUpper ${tickUpper}`);
  const sqrtLower = getSqrtRatioAtTick(tickLower);
  const sqrtUpper = getSqrtRatioAtTick(tickUpper);

  if (tickCurrent < tickLower) {
    return { amount0: getAmount0Delta(sqrtLower, sqrtUpper, liquidity, false), amount1: 0n };
  }
  if (tickCurrent < tickUpper) {
    // A consistent slot0 has its sqrt price inside the range here; anything else is stale input.
    if (sqrtPriceX96 < sqrtLower || sqrtPriceX96 > sqrtUpper) {
      throw new RangeError(`sqrtPriceX96 ${sqrtPriceX96} is outside [${tickLower}, ${tickUpper}] but tick ${tickCurrent} is inside`);
    }
    return {
      amount0: getAmount0Delta(sqrtPriceX96, sqrtUpper, liquidity, false),
      amount1: getAmount1Delta(sqrtLower, sqrtPriceX96, liquidity, false),
    };
  }
  return { amount0: 0n, amount1: getAmount1Delta(sqrtLower, sqrtUpper, liquidity, false) };
}

function toUint128(x: bigint): bigint {
  assertUint(x, 128, 'liquidity');
  return x;
}

/** Liquidity for amount0 over [√A, √B] (LiquidityAmounts.getLiquidityForAmount0), rounded down. */
export function getLiquidityForAmount0(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, amount0: bigint): bigint {
  const [sqrtA, sqrtB] = sqrtRatioAX96 > sqrtRatioBX96 ? [sqrtRatioBX96, sqrtRatioAX96] : [sqrtRatioAX96, sqrtRatioBX96];
  const intermediate = mulDiv(sqrtA, sqrtB, Q96);
  return toUint128(mulDiv(amount0, intermediate, sqrtB - sqrtA));
}

/** Liquidity for amount1 over [√A, √B] (LiquidityAmounts.getLiquidityForAmount1), rounded down. */
export function getLiquidityForAmount1(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, amount1: bigint): bigint {
  const [sqrtA, sqrtB] = sqrtRatioAX96 > sqrtRatioBX96 ? [sqrtRatioBX96, sqrtRatioAX96] : [sqrtRatioAX96, sqrtRatioBX96];
  return toUint128(mulDiv(amount1, Q96, sqrtB - sqrtA));
}

/**
 * The most liquidity the amounts can buy at the current price (LiquidityAmounts.getLiquidityForAmounts,
 * what the position manager mints). This one compares sqrt prices, as the periphery does.
 */
export function getLiquidityForAmounts(sqrtPriceX96: bigint, sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, amount0: bigint, amount1: bigint): bigint {
  const [sqrtA, sqrtB] = sqrtRatioAX96 > sqrtRatioBX96 ? [sqrtRatioBX96, sqrtRatioAX96] : [sqrtRatioAX96, sqrtRatioBX96];
  if (sqrtPriceX96 <= sqrtA) return getLiquidityForAmount0(sqrtA, sqrtB, amount0);
  if (sqrtPriceX96 < sqrtB) {
    const liquidity0 = getLiquidityForAmount0(sqrtPriceX96, sqrtB, amount0);
    const liquidity1 = getLiquidityForAmount1(sqrtA, sqrtPriceX96, amount1);
    return liquidity0 < liquidity1 ? liquidity0 : liquidity1;
  }
  return getLiquidityForAmount1(sqrtA, sqrtB, amount1);
}
