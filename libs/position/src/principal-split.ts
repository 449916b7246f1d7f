/** The facts of a position's history the principal fold needs, in any order (it sorts them). */
export interface OwedEvent {
  id: string;
  blockNumber: number;
  logIndex: number;
  eventType: string;
  amount0: bigint;
  amount1: bigint;
}

/** What one COLLECT took: the principal part (released by earlier decreases) and the fee part (the rest). */
export interface CollectSplit {
  collected0: bigint;
  collected1: bigint;
  principal0: bigint;
  principal1: bigint;
  fee0: bigint;
  fee1: bigint;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/**
 * Splits every COLLECT of one position into principal and fees, folding its DECREASE and
 * COLLECT events in chain order. The position manager adds a decrease's amounts to
 * tokensOwed (with the fees), and a collect pays from tokensOwed; we count principal as
 * paid first, per token: principal = min(collected, principal still owed), fee = the rest.
 * Other event types do not touch tokensOwed' principal and are ignored.
 */
export function splitCollects(history: readonly OwedEvent[]): Map<string, CollectSplit> {
  const ordered = [...history].sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
  const splits = new Map<string, CollectSplit>();
  let owed0 = 0n;
  let owed1 = 0n;
  for (const e of ordered) {
    if (e.eventType === 'DECREASE') {
      owed0 += e.amount0;
      owed1 += e.amount1;
    } else if (e.eventType === 'COLLECT') {
      const principal0 = min(e.amount0, owed0);
      const principal1 = min(e.amount1, owed1);
      owed0 -= principal0;
      owed1 -= principal1;
      splits.set(e.id, { collected0: e.amount0, collected1: e.amount1, principal0, principal1, fee0: e.amount0 - principal0, fee1: e.amount1 - principal1 });
    }
  }
  return splits;
}
