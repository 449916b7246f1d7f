import { feeGrowthInside, unclaimedFees } from '@lib/v3-math';
import type { PositionFeeState } from './fee-state';

/** The pool's own position of the manager for a range (`pool.positions(keccak(manager, lower, upper))`). */
export interface PoolPosition {
  liquidity: bigint;
  feeGrowthInside0LastX128: bigint;
  feeGrowthInside1LastX128: bigint;
  tokensOwed0: bigint;
  tokensOwed1: bigint;
}

/**
 * What collect(max) actually pays: the manager's owed amounts, capped by what the pool owes
 * the manager's pooled position of that range. Every NFT of one range shares that pool
 * position, and the pool rounds its fees down on the summed liquidity, so it can owe a
 * unit less than the NFTs' own sums (seen on the test chain). A live NFT's collect pokes
 * the pool first (burn(0)), so the pool's owed then includes the growth since its last
 * update; an empty one does not poke, so the stored tokensOwed is the cap.
 */
export function capByPoolPosition(
  owed: { fees0: bigint; fees1: bigint },
  state: PositionFeeState,
  range: { tickLower: number; tickUpper: number },
  pool: PoolPosition | null,
): { fees0: bigint; fees1: bigint } {
  if (state.kind === 'burned' || pool === null) return owed;
  let cap0 = pool.tokensOwed0;
  let cap1 = pool.tokensOwed1;
  if (state.kind === 'live') {
    const { pool: p, lower, upper } = state;
    const inside0 = feeGrowthInside(p.tick, range.tickLower, range.tickUpper, p.feeGrowthGlobal0X128, lower.feeGrowthOutside0X128, upper.feeGrowthOutside0X128);
    const inside1 = feeGrowthInside(p.tick, range.tickLower, range.tickUpper, p.feeGrowthGlobal1X128, lower.feeGrowthOutside1X128, upper.feeGrowthOutside1X128);
    cap0 = unclaimedFees({
      liquidity: pool.liquidity,
      feeGrowthInsideX128: inside0,
      feeGrowthInsideLastX128: pool.feeGrowthInside0LastX128,
      tokensOwed: pool.tokensOwed0,
    });
    cap1 = unclaimedFees({
      liquidity: pool.liquidity,
      feeGrowthInsideX128: inside1,
      feeGrowthInsideLastX128: pool.feeGrowthInside1LastX128,
      tokensOwed: pool.tokensOwed1,
    });
  }
  return { fees0: owed.fees0 < cap0 ? owed.fees0 : cap0, fees1: owed.fees1 < cap1 ? owed.fees1 : cap1 };
}
