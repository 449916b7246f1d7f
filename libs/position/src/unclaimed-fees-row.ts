import type { DecimalsLookup, PriceResult } from '@lib/pricing';
import { feeGrowthInside, fractionToNumber, unclaimedFees, usdValueFraction } from '@lib/v3-math';
import type { PositionFeeState } from './fee-state';
import { capByPoolPosition, type PoolPosition } from './collect-cap';
import type { PositionEventRef } from './position-event-ref';

/** A row of position_unclaimed_fees. */
export interface UnclaimedFeesRow {
  id: string;
  position_manager: string;
  token_id: string;
  pool: string;
  block_number: number;
  log_index: number;
  liquidity: string;
  tokens_owed0: string;
  tokens_owed1: string;
  unclaimed0: string;
  unclaimed1: string;
  unclaimed_usd: number | null;
  rpc_block: number;
  note: string | null;
}

export interface UnclaimedFeesInputs {
  event: PositionEventRef;
  /** Read at the end of `rpcBlock` (the event's block). */
  state: PositionFeeState;
  rpcBlock: number;
  decimals0: DecimalsLookup;
  decimals1: DecimalsLookup;
  /** USD prices as of the end of rpcBlock, the same instant as the state. */
  price0: PriceResult;
  price1: PriceResult;
  /** The pool's own position of the manager's range at rpcBlock (caps what collect pays); null for a burned position. */
  poolPosition: PoolPosition | null;
}

/**
 * What collect(max) would pay at the end of the block, per token: the manager's
 * tokensOwed plus the fees its liquidity earned since it last checkpointed,
 * L·(feeGrowthInside − feeGrowthInsideLast)/2^128 (exactly the manager's own update when
 * collect pokes the pool), capped by what the pool owes the manager's pooled position of
 * the range (collect-cap.ts: the pool rounds on summed liquidity). A burned position has nothing left: 0 with a note. A missing
 * price leaves only the USD value empty (the amounts are facts), with the reason.
 */
export function unclaimedFeesRow(x: UnclaimedFeesInputs): UnclaimedFeesRow {
  const e = x.event;
  const base = {
    id: e.id,
    position_manager: e.positionManager,
    token_id: e.tokenId,
    pool: e.pool,
    block_number: e.blockNumber,
    log_index: e.logIndex,
    rpc_block: x.rpcBlock,
  };
  if (x.state.kind === 'burned') {
    return {
      ...base,
      liquidity: '0',
      tokens_owed0: '0',
      tokens_owed1: '0',
      unclaimed0: '0',
      unclaimed1: '0',
      unclaimed_usd: 0,
      note: `position burned by the end of block ${x.rpcBlock}: nothing left to collect`,
    };
  }
  const p = x.state.position;
  let fees0 = p.tokensOwed0;
  let fees1 = p.tokensOwed1;
  if (x.state.kind === 'live') {
    const { pool, lower, upper } = x.state;
    const inside0 = feeGrowthInside(pool.tick, e.tickLower, e.tickUpper, pool.feeGrowthGlobal0X128, lower.feeGrowthOutside0X128, upper.feeGrowthOutside0X128);
    const inside1 = feeGrowthInside(pool.tick, e.tickLower, e.tickUpper, pool.feeGrowthGlobal1X128, lower.feeGrowthOutside1X128, upper.feeGrowthOutside1X128);
    fees0 = unclaimedFees({
      liquidity: p.liquidity,
      feeGrowthInsideX128: inside0,
      feeGrowthInsideLastX128: p.feeGrowthInside0LastX128,
      tokensOwed: p.tokensOwed0,
    });
    fees1 = unclaimedFees({
      liquidity: p.liquidity,
      feeGrowthInsideX128: inside1,
      feeGrowthInsideLastX128: p.feeGrowthInside1LastX128,
      tokensOwed: p.tokensOwed1,
    });
  }
  ({ fees0, fees1 } = capByPoolPosition({ fees0, fees1 }, x.state, e, x.poolPosition));
  const usd = usdValue(fees0, fees1, x);
  return {
    ...base,
    liquidity: p.liquidity.toString(),
    tokens_owed0: p.tokensOwed0.toString(),
    tokens_owed1: p.tokensOwed1.toString(),
    unclaimed0: fees0.toString(),
    unclaimed1: fees1.toString(),
    unclaimed_usd: 'usd' in usd ? usd.usd : null,
    note: 'reason' in usd ? `no USD value: ${usd.reason}` : null,
  };
}

function usdValue(fees0: bigint, fees1: bigint, x: UnclaimedFeesInputs): { usd: number } | { reason: string } {
  if (fees0 === 0n && fees1 === 0n) return { usd: 0 };
  if (!x.decimals0.ok) return { reason: x.decimals0.reason };
  if (!x.decimals1.ok) return { reason: x.decimals1.reason };
  if (!x.price0.ok) return { reason: `token0: ${x.price0.reason}` };
  if (!x.price1.ok) return { reason: `token1: ${x.price1.reason}` };
  const terms = [
    { amount: fees0, decimals: x.decimals0.decimals, price: x.price0.usdPerToken },
    { amount: fees1, decimals: x.decimals1.decimals, price: x.price1.usdPerToken },
  ];
  return { usd: fractionToNumber(usdValueFraction(terms)) };
}
