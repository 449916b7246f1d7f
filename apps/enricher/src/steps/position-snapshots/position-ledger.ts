import { compareChainPoints, type ChainPoint } from '@lib/pricing';
import { byChainOrder, foldPrincipal, type PositionHistoryEvent } from '@lib/position';

/** A fact of a position's history with its chain time (for day ends). */
export interface SnapshotHistoryEvent extends PositionHistoryEvent {
  timestamp: number;
}

/** A position's bookkeeping right after one of its events: cumulative raw amounts, never netted. */
export interface LedgerState {
  liquidity: bigint;
  deposited0: bigint;
  deposited1: bigint;
  /** Principal released by DECREASE (the DecreaseLiquidity amounts). */
  withdrawn0: bigint;
  withdrawn1: bigint;
  /** Paid out by COLLECT (released principal and fees). */
  collected0: bigint;
  collected1: bigint;
  /** The token no longer exists (BURN): no snapshots after it. */
  burned: boolean;
}

export interface LedgerEntry {
  event: SnapshotHistoryEvent;
  state: LedgerState;
}

const big = (v: string | null): bigint => (v === null ? 0n : BigInt(v));

/**
 * The state after each event of one position's history, in chain order: a pure fold, the
 * same however the history was delivered. Liquidity is impermanent-loss's own fold, so the
 * two steps agree by construction.
 */
export function foldLedger(history: readonly SnapshotHistoryEvent[]): LedgerEntry[] {
  const sorted = [...history].sort(byChainOrder);
  const principal = foldPrincipal(sorted);
  let s: LedgerState = { liquidity: 0n, deposited0: 0n, deposited1: 0n, withdrawn0: 0n, withdrawn1: 0n, collected0: 0n, collected1: 0n, burned: false };
  return sorted.map((e) => {
    const a0 = big(e.amount0);
    const a1 = big(e.amount1);
    s = { ...s, liquidity: principal.get(e.id)!.liquidity };
    if (e.eventType === 'MINT' || e.eventType === 'INCREASE') s = { ...s, deposited0: s.deposited0 + a0, deposited1: s.deposited1 + a1 };
    else if (e.eventType === 'DECREASE') s = { ...s, withdrawn0: s.withdrawn0 + a0, withdrawn1: s.withdrawn1 + a1 };
    else if (e.eventType === 'COLLECT') s = { ...s, collected0: s.collected0 + a0, collected1: s.collected1 + a1 };
    else if (e.eventType === 'BURN') s = { ...s, burned: true };
    return { event: e, state: s };
  });
}

/** The state after every event strictly before `point` (null: the position did not exist yet). */
export function ledgerBefore(entries: readonly LedgerEntry[], point: ChainPoint): LedgerState | null {
  let found: LedgerState | null = null;
  for (const x of entries) {
    if (compareChainPoints(x.event, point) >= 0) break;
    found = x.state;
  }
  return found;
}
