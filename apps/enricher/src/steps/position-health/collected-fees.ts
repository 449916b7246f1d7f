import { type PositionHistoryEvent, splitCollects } from '@lib/position';

const big = (v: string | null): bigint => (v === null ? 0n : BigInt(v));

/** The fee part of everything a position collected in the given history (fees USD's split: principal first). */
export function collectedFees(history: readonly PositionHistoryEvent[]): { fee0: bigint; fee1: bigint } {
  const splits = splitCollects(
    history.map((e) => ({
      id: e.id,
      blockNumber: e.blockNumber,
      logIndex: e.logIndex,
      eventType: e.eventType,
      amount0: big(e.amount0),
      amount1: big(e.amount1),
    })),
  );
  let fee0 = 0n;
  let fee1 = 0n;
  for (const s of splits.values()) {
    fee0 += s.fee0;
    fee1 += s.fee1;
  }
  return { fee0, fee1 };
}
