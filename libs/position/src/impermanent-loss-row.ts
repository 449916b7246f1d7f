import type { DecimalsLookup, PriceResult } from '@lib/pricing';
import { amountsForLiquidity, impermanentLossNumbers, ratioToNumber } from '@lib/v3-math';
import type { PrincipalState } from './position-principal';
import type { PositionEventRef } from './position-event-ref';

/** A row of position_impermanent_loss. */
export interface ImpermanentLossRow {
  id: string;
  position_manager: string;
  token_id: string;
  pool: string;
  block_number: number;
  log_index: number;
  liquidity: string;
  amount0: string;
  amount1: string;
  net_deposit0: string;
  net_deposit1: string;
  price0_usd: number;
  price1_usd: number;
  value_position_usd: number;
  value_hodl_usd: number;
  il_usd: number;
  /** A fraction of the HODL value (−0.0572 = −5.72 %); null when the HODL value is zero. */
  il_pct: number | null;
}

export interface ImpermanentLossInputs {
  event: PositionEventRef;
  principal: PrincipalState;
  /** The pool's price as of the event (its last Swap/Initialize strictly before it); null: none. */
  poolPrice: { sqrtPriceX96: bigint; tick: number } | null;
  decimals0: DecimalsLookup;
  decimals1: DecimalsLookup;
  price0: PriceResult;
  price1: PriceResult;
}

/**
 * IL of a position as of one of its events: its principal (exact v3 amounts of its
 * liquidity at the pool's price then) against holding its net deposits, both at the USD
 * prices then. Everything stays exact until the doubles of the row. Missing inputs give
 * the reason instead of a row (the caller sends it to the DLQ).
 */
export function impermanentLossRow(x: ImpermanentLossInputs): { row: ImpermanentLossRow } | { reason: string } {
  const { event: e, principal: s } = x;
  if (!x.poolPrice) return { reason: `pool ${e.pool} has no price (Swap or Initialize) before ${e.blockNumber}:${e.logIndex}` };
  if (!x.decimals0.ok) return { reason: x.decimals0.reason };
  if (!x.decimals1.ok) return { reason: x.decimals1.reason };
  if (!x.price0.ok) return { reason: `no USD price of token0: ${x.price0.reason}` };
  if (!x.price1.ok) return { reason: `no USD price of token1: ${x.price1.reason}` };
  if (s.liquidity < 0n) return { reason: `liquidity of ${e.positionManager}:${e.tokenId} would be negative (${s.liquidity}): history incomplete` };

  let amounts: { amount0: bigint; amount1: bigint };
  try {
    amounts = amountsForLiquidity({
      liquidity: s.liquidity,
      sqrtPriceX96: x.poolPrice.sqrtPriceX96,
      tickCurrent: x.poolPrice.tick,
      tickLower: e.tickLower,
      tickUpper: e.tickUpper,
    });
  } catch (err) {
    // Inconsistent input (bad ticks, a price outside the range its tick says): the data, not a passing failure.
    if (err instanceof RangeError) return { reason: `cannot compute principal amounts: ${err.message}` };
    throw err;
  }
  const il = impermanentLossNumbers({
    amount0: amounts.amount0,
    amount1: amounts.amount1,
    netDeposited0: s.netDeposit0,
    netDeposited1: s.netDeposit1,
    decimals0: x.decimals0.decimals,
    decimals1: x.decimals1.decimals,
    price0Usd: x.price0.usdPerToken,
    price1Usd: x.price1.usdPerToken,
  });
  return {
    row: {
      id: e.id,
      position_manager: e.positionManager,
      token_id: e.tokenId,
      pool: e.pool,
      block_number: e.blockNumber,
      log_index: e.logIndex,
      liquidity: s.liquidity.toString(),
      amount0: amounts.amount0.toString(),
      amount1: amounts.amount1.toString(),
      net_deposit0: s.netDeposit0.toString(),
      net_deposit1: s.netDeposit1.toString(),
      price0_usd: ratioToNumber(x.price0.usdPerToken),
      price1_usd: ratioToNumber(x.price1.usdPerToken),
      value_position_usd: il.valuePosition,
      value_hodl_usd: il.valueHodl,
      il_usd: il.ilUsd,
      il_pct: il.ilPct,
    },
  };
}
