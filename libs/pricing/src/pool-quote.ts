import { type Ratio, divRatio, price0Per1, price1Per0, ratio, ZERO_RATIO } from '@lib/v3-math';
import type { PoolTokens } from './pool-directory';
import type { PoolState } from './pool-state';
import { virtualReserve0, virtualReserve1 } from './virtual-reserves';

export interface PoolQuoteParams {
  pool: PoolTokens;
  state: PoolState;
  /** The token being priced: token0 or token1 of the pool. */
  base: string;
  decimals0: number;
  decimals1: number;
}

/** What one pool says about one of its tokens, in whole-token units, exactly. */
export interface PoolQuote {
  /** The other token of the pool. */
  quote: string;
  /** Whole quote tokens per whole base token. */
  price: Ratio;
  /** In-range virtual reserve of the quote token, in whole tokens; zero when the state has no liquidity (Initialize). */
  quoteReserve: Ratio;
}

export function quoteInPool({ pool, state, base, decimals0, decimals1 }: PoolQuoteParams): PoolQuote {
  const lower = base.toLowerCase();
  if (lower !== pool.token0 && lower !== pool.token1) throw new Error(`${lower} is not a token of pool ${pool.address}`);
  const baseIsToken0 = lower === pool.token0;
  const prices = { sqrtPriceX96: state.sqrtPriceX96, decimals0, decimals1 };
  const liquidity = state.liquidity ?? 0n;
  const rawReserve = baseIsToken0 ? virtualReserve1(liquidity, state.sqrtPriceX96) : virtualReserve0(liquidity, state.sqrtPriceX96);
  const quoteDecimals = baseIsToken0 ? decimals1 : decimals0;
  return {
    quote: baseIsToken0 ? pool.token1 : pool.token0,
    price: baseIsToken0 ? price1Per0(prices) : price0Per1(prices),
    quoteReserve: liquidity === 0n ? ZERO_RATIO : divRatio(rawReserve, ratio(10n ** BigInt(quoteDecimals))),
  };
}
