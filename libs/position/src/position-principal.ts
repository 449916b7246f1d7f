/** One fact of a position's history, as attribution stored it (amounts raw, as decimal strings). */
export interface PositionHistoryEvent {
  id: string;
  blockNumber: number;
  logIndex: number;
  eventType: string;
  /** Signed: positive for MINT/INCREASE, negative for DECREASE, null otherwise. */
  liquidityDelta: string | null;
  amount0: string | null;
  amount1: string | null;
}

/** A position's principal bookkeeping right after one of its events. */
export interface PrincipalState {
  /** Sum of the liquidity deltas so far. */
  liquidity: bigint;
  /** Amounts paid in by MINT/INCREASE minus principal paid out by DECREASE (fees never count). */
  netDeposit0: bigint;
  netDeposit1: bigint;
}

const DEPOSITS = new Set(['MINT', 'INCREASE']);

const big = (v: string | null): bigint => (v === null ? 0n : BigInt(v));

/** Chain order of a position's events. */
export function byChainOrder(a: PositionHistoryEvent, b: PositionHistoryEvent): number {
  return a.blockNumber - b.blockNumber || a.logIndex - b.logIndex;
}

/**
 * The state after each event of one position's history, by event id: a pure fold in chain
 * order, so it is the same however the history was delivered. DECREASE amounts are the
 * principal released (the DecreaseLiquidity log), so they are subtracted; COLLECT pays
 * out what DECREASE released plus fees and changes neither liquidity nor deposits; BURN
 * only deletes an empty token.
 */
export function foldPrincipal(history: readonly PositionHistoryEvent[]): Map<string, PrincipalState> {
  const out = new Map<string, PrincipalState>();
  let state: PrincipalState = { liquidity: 0n, netDeposit0: 0n, netDeposit1: 0n };
  for (const e of [...history].sort(byChainOrder)) {
    if (DEPOSITS.has(e.eventType)) {
      state = {
        liquidity: state.liquidity + big(e.liquidityDelta),
        netDeposit0: state.netDeposit0 + big(e.amount0),
        netDeposit1: state.netDeposit1 + big(e.amount1),
      };
    } else if (e.eventType === 'DECREASE') {
      // The delta is stored signed (negative); a positive one from another writer still means "removed".
      const delta = big(e.liquidityDelta);
      state = {
        liquidity: state.liquidity - (delta < 0n ? -delta : delta),
        netDeposit0: state.netDeposit0 - big(e.amount0),
        netDeposit1: state.netDeposit1 - big(e.amount1),
      };
    }
    out.set(e.id, state);
  }
  return out;
}
