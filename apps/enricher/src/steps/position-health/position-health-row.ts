import type { ChainPoint, DecimalsLookup, PoolState, PriceResult } from '@lib/pricing';
import { fractionToNumber, usdValueFraction } from '@lib/v3-math';
import { foldPrincipal, impermanentLossRow, type PositionHistoryEvent, type PrincipalState, type TickChange } from '@lib/position';
import { collectedFees } from './collected-fees';
import { edgeDistanceScore } from './edge-distance';
import { feesVsIlScore } from './fees-vs-il';
import { healthScore } from './health-score';
import { windowTimeInRange } from './window-time-in-range';

/** A row of position_health. */
export interface PositionHealthRow {
  position_manager: string;
  token_id: string;
  as_of: number;
  pool: string;
  block_number: number;
  log_index: number;
  tick: number | null;
  tick_lower: number;
  tick_upper: number;
  window_seconds_in_range: number;
  window_seconds_open: number;
  time_in_range_score: number | null;
  edge_distance_score: number | null;
  fees_usd: number | null;
  il_usd: number | null;
  fees_vs_il_score: number | null;
  score: number | null;
  note: string | null;
}

export interface PositionHealthInputs {
  position: { positionManager: string; tokenId: string; pool: string; tickLower: number; tickUpper: number };
  /** The as-of time (epoch seconds) and the chain point the state is read as of (logs strictly before it). */
  asOf: number;
  at: ChainPoint;
  /** The pool's price as of `at`; null: none yet. */
  poolState: Pick<PoolState, 'sqrtPriceX96' | 'tick'> | null;
  opening: { timestamp: number; tickAtOpen: number | null };
  /** The pool's tick changes since the opening, before `at`, in chain order (see windowTimeInRange). */
  changes: Iterable<TickChange>;
  /** The position's events up to the as-of point (the state after them counts). */
  history: readonly PositionHistoryEvent[];
  decimals0: DecimalsLookup;
  decimals1: DecimalsLookup;
  price0: PriceResult;
  price1: PriceResult;
}

const ZERO: PrincipalState = { liquidity: 0n, netDeposit0: 0n, netDeposit1: 0n };

/**
 * The health of a position as of one point (docs/health-score.md): (a) share of the last
 * 7 days in range, (b) distance of the tick to the nearest edge, (c) collected fees vs IL,
 * both valued at the USD prices as of the point. A component without data is NULL (reason
 * in note) and the score is the renormalised weighted mean of the others.
 */
export function positionHealthRow(x: PositionHealthInputs): PositionHealthRow {
  const { position: p } = x;
  const notes: string[] = [];
  const tick = x.poolState?.tick ?? null;
  if (tick === null) notes.push(`pool ${p.pool} has no price before ${x.at.blockNumber}:${x.at.logIndex}`);

  const window = windowTimeInRange({
    openedAt: x.opening.timestamp,
    at: x.asOf,
    tickAtOpen: x.opening.tickAtOpen,
    changes: x.changes,
    tickLower: p.tickLower,
    tickUpper: p.tickUpper,
  });
  const edge = edgeDistanceScore(tick, p.tickLower, p.tickUpper);

  const states = foldPrincipal(x.history);
  const last = x.history.length === 0 ? undefined : [...x.history].sort((a, b) => b.blockNumber - a.blockNumber || b.logIndex - a.logIndex)[0];
  const principal = last ? states.get(last.id)! : ZERO;
  const il = impermanentLossRow({
    event: {
      id: `${p.positionManager}:${p.tokenId}@${x.asOf}`,
      positionManager: p.positionManager,
      tokenId: p.tokenId,
      pool: p.pool,
      blockNumber: x.at.blockNumber,
      logIndex: x.at.logIndex,
      tickLower: p.tickLower,
      tickUpper: p.tickUpper,
    },
    principal,
    poolPrice: x.poolState,
    decimals0: x.decimals0,
    decimals1: x.decimals1,
    price0: x.price0,
    price1: x.price1,
  });
  let ilUsd: number | null = null;
  let feesUsd: number | null = null;
  if ('row' in il) {
    ilUsd = il.row.il_usd;
    // impermanentLossRow has checked decimals and prices: fees are valued at the same prices.
    const { fee0, fee1 } = collectedFees(x.history);
    if (x.decimals0.ok && x.decimals1.ok && x.price0.ok && x.price1.ok) {
      feesUsd = fractionToNumber(
        usdValueFraction([
          { amount: fee0, decimals: x.decimals0.decimals, price: x.price0.usdPerToken },
          { amount: fee1, decimals: x.decimals1.decimals, price: x.price1.usdPerToken },
        ]),
      );
    }
  } else notes.push(`fees vs IL: ${il.reason}`);
  const feesVsIl = feesVsIlScore(feesUsd, ilUsd);

  return {
    position_manager: p.positionManager.toLowerCase(),
    token_id: p.tokenId,
    as_of: x.asOf,
    pool: p.pool,
    block_number: x.at.blockNumber,
    log_index: x.at.logIndex,
    tick,
    tick_lower: p.tickLower,
    tick_upper: p.tickUpper,
    window_seconds_in_range: window.secondsInRange,
    window_seconds_open: window.secondsOpen,
    time_in_range_score: window.score,
    edge_distance_score: edge,
    fees_usd: feesUsd,
    il_usd: ilUsd,
    fees_vs_il_score: feesVsIl,
    score: healthScore({ timeInRange: window.score, edgeDistance: edge, feesVsIl }),
    note: notes.length ? notes.join('; ') : null,
  };
}
