import type { DecimalsLookup, PriceResult } from '@lib/pricing';
import { amountsForLiquidity, fractionToNumber, isInRange, ratioToNumber, usdValueFraction } from '@lib/v3-math';
import { type PoolPosition, type PositionFeeState, unclaimedFeesRow } from '@lib/position';
import type { LedgerState } from './position-ledger';

export type SnapshotKind = 'event' | 'day-end' | 'as-of';

/** A row of position_snapshot. */
export interface PositionSnapshotRow {
  position_manager: string;
  token_id: string;
  kind: SnapshotKind;
  snapshot_time: number;
  block_number: number;
  log_index: number;
  event_id: string | null;
  pool: string;
  liquidity: string;
  amount0: string;
  amount1: string;
  price0_usd: number | null;
  price1_usd: number | null;
  value_usd: number | null;
  unclaimed0: string;
  unclaimed1: string;
  unclaimed_usd: number | null;
  tick: number | null;
  range_status: 'IN_RANGE' | 'OUT_OF_RANGE' | null;
  deposited0: string;
  deposited1: string;
  withdrawn0: string;
  withdrawn1: string;
  collected0: string;
  collected1: string;
  rpc_block: number;
  note: string | null;
}

/** Where a snapshot sits: log_index −1 = after every log of block_number. */
export interface SnapshotKey {
  positionManager: string;
  tokenId: string;
  kind: SnapshotKind;
  snapshotTime: number;
  blockNumber: number;
  logIndex: number;
  eventId: string | null;
}

export interface PositionSnapshotInputs {
  key: SnapshotKey;
  position: { pool: string; tickLower: number; tickUpper: number };
  ledger: LedgerState;
  /** The pool's price at the snapshot's point (its last Swap/Initialize before it); null: none. */
  poolPrice: { sqrtPriceX96: bigint; tick: number } | null;
  /** The manager's and pool's fee state at the end of rpcBlock. */
  feeState: PositionFeeState;
  /** The pool's position of the manager's range at the end of rpcBlock (caps collect); null: not read. */
  poolPosition: PoolPosition | null;
  rpcBlock: number;
  decimals0: DecimalsLookup;
  decimals1: DecimalsLookup;
  /** USD prices at the snapshot's point. */
  price0: PriceResult;
  price1: PriceResult;
}

/**
 * One snapshot: the ledger's liquidity as exact v3 amounts at the pool's price, valued in
 * USD; unclaimed fees as step 5 computes them (its own function, from the same chain
 * reads) capped as collect is (collect-cap.ts); the range status of the pool's tick. A missing USD price or decimals empties
 * only the USD columns, with the reason: the amounts are facts. Without a pool price a
 * live position has no amounts: the reason instead of a row.
 */
export function positionSnapshotRow(x: PositionSnapshotInputs): { row: PositionSnapshotRow } | { reason: string } {
  const { key: k, position: p, ledger: s } = x;
  const where = `${k.positionManager}:${k.tokenId} ${k.kind} at ${k.snapshotTime}`;
  if (s.liquidity < 0n) return { reason: `liquidity of ${where} would be negative (${s.liquidity}): history incomplete` };
  if (s.liquidity > 0n && !x.poolPrice) return { reason: `pool ${p.pool} has no price (Swap or Initialize) before ${where}` };

  let amounts = { amount0: 0n, amount1: 0n };
  if (s.liquidity > 0n && x.poolPrice) {
    try {
      amounts = amountsForLiquidity({
        liquidity: s.liquidity,
        sqrtPriceX96: x.poolPrice.sqrtPriceX96,
        tickCurrent: x.poolPrice.tick,
        tickLower: p.tickLower,
        tickUpper: p.tickUpper,
      });
    } catch (err) {
      if (err instanceof RangeError) return { reason: `cannot compute amounts of ${where}: ${err.message}` };
      throw err;
    }
  }
  const fees = unclaimedFeesRow({
    event: {
      id: '',
      positionManager: k.positionManager,
      tokenId: k.tokenId,
      pool: p.pool,
      blockNumber: k.blockNumber,
      logIndex: k.logIndex,
      tickLower: p.tickLower,
      tickUpper: p.tickUpper,
    },
    state: x.feeState,
    rpcBlock: x.rpcBlock,
    decimals0: x.decimals0,
    decimals1: x.decimals1,
    price0: x.price0,
    price1: x.price1,
    poolPosition: x.poolPosition,
  });
  const owed = { fees0: BigInt(fees.unclaimed0), fees1: BigInt(fees.unclaimed1) };
  const value = valueUsd(amounts.amount0, amounts.amount1, x);
  const feesUsd = valueUsd(owed.fees0, owed.fees1, x);
  const notes = [
    'reason' in value ? `no USD value: ${value.reason}` : 'reason' in feesUsd ? `no USD value: ${feesUsd.reason}` : null,
    x.feeState.kind === 'burned' ? fees.note : null,
  ].filter((n): n is string => n !== null);
  return {
    row: {
      position_manager: k.positionManager,
      token_id: k.tokenId,
      kind: k.kind,
      snapshot_time: k.snapshotTime,
      block_number: k.blockNumber,
      log_index: k.logIndex,
      event_id: k.eventId,
      pool: p.pool,
      liquidity: s.liquidity.toString(),
      amount0: amounts.amount0.toString(),
      amount1: amounts.amount1.toString(),
      price0_usd: x.price0.ok ? ratioToNumber(x.price0.usdPerToken) : null,
      price1_usd: x.price1.ok ? ratioToNumber(x.price1.usdPerToken) : null,
      value_usd: 'usd' in value ? value.usd : null,
      unclaimed0: owed.fees0.toString(),
      unclaimed1: owed.fees1.toString(),
      unclaimed_usd: 'usd' in feesUsd ? feesUsd.usd : null,
      tick: x.poolPrice?.tick ?? null,
      range_status: x.poolPrice ? (isInRange(x.poolPrice.tick, p.tickLower, p.tickUpper) ? 'IN_RANGE' : 'OUT_OF_RANGE') : null,
      deposited0: s.deposited0.toString(),
      deposited1: s.deposited1.toString(),
      withdrawn0: s.withdrawn0.toString(),
      withdrawn1: s.withdrawn1.toString(),
      collected0: s.collected0.toString(),
      collected1: s.collected1.toString(),
      rpc_block: x.rpcBlock,
      note: notes.length ? notes.join('; ') : null,
    },
  };
}

function valueUsd(amount0: bigint, amount1: bigint, x: PositionSnapshotInputs): { usd: number } | { reason: string } {
  if (amount0 === 0n && amount1 === 0n) return { usd: 0 };
  if (!x.decimals0.ok) return { reason: x.decimals0.reason };
  if (!x.decimals1.ok) return { reason: x.decimals1.reason };
  if (!x.price0.ok) return { reason: `token0: ${x.price0.reason}` };
  if (!x.price1.ok) return { reason: `token1: ${x.price1.reason}` };
  const terms = [
    { amount: amount0, decimals: x.decimals0.decimals, price: x.price0.usdPerToken },
    { amount: amount1, decimals: x.decimals1.decimals, price: x.price1.usdPerToken },
  ];
  return { usd: fractionToNumber(usdValueFraction(terms)) };
}
