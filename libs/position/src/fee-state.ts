/** The manager's `positions(tokenId)` fields that fees depend on. */
export interface ManagerPosition {
  liquidity: bigint;
  feeGrowthInside0LastX128: bigint;
  feeGrowthInside1LastX128: bigint;
  tokensOwed0: bigint;
  tokensOwed1: bigint;
}

/** The pool's fee state at a block: current tick and global fee growth. */
export interface PoolFeeState {
  tick: number;
  feeGrowthGlobal0X128: bigint;
  feeGrowthGlobal1X128: bigint;
}

/** A tick's fee growth on its far side (`ticks(tick)`). */
export interface TickFeeState {
  feeGrowthOutside0X128: bigint;
  feeGrowthOutside1X128: bigint;
}

/**
 * Everything `collect(max)` depends on, read at one block: `burned` when the token no
 * longer exists there; with zero liquidity the pool and ticks are not needed (nothing accrues).
 */
export type PositionFeeState =
  | { kind: 'burned' }
  | { kind: 'empty'; position: ManagerPosition }
  | { kind: 'live'; position: ManagerPosition; pool: PoolFeeState; lower: TickFeeState; upper: TickFeeState };
