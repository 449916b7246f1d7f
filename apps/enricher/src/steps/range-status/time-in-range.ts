import { isInRange } from '@lib/v3-math';

/** A change of the pool's tick: a Swap, at its block's timestamp. */
export interface TickChange {
  timestamp: number;
  tick: number;
}

export interface TimeInRangeInput {
  /** Chain time of the position's MINT. */
  openedAt: number;
  /** Chain time of the event it is measured to. */
  at: number;
  /** The pool tick as of the MINT (null: the pool had no price yet). */
  tickAtOpen: number | null;
  /** The pool's tick changes after the MINT and before the event, in chain order. */
  changes: readonly TickChange[];
  tickLower: number;
  tickUpper: number;
}

/**
 * Seconds from the MINT to the event during which the pool tick was in the position's
 * range (tickLower ≤ tick < tickUpper). The tick holds from one change to the next;
 * changes within one block share its timestamp, so only the last of them lasts any time.
 */
export function timeInRange(input: TimeInRangeInput): { secondsInRange: number; secondsOpen: number } {
  const { openedAt, at, tickLower, tickUpper } = input;
  const secondsOpen = Math.max(0, at - openedAt);
  let inRange = 0;
  let tick = input.tickAtOpen;
  let from = openedAt;
  const count = (until: number) => {
    // Clamped to [openedAt, at]: a row outside the window (bad timestamps) adds nothing.
    const end = Math.min(Math.max(until, openedAt), at);
    if (tick !== null && end > from && isInRange(tick, tickLower, tickUpper)) inRange += end - from;
    from = Math.max(from, end);
  };
  for (const change of input.changes) {
    count(change.timestamp);
    tick = change.tick;
  }
  count(at);
  return { secondsInRange: inRange, secondsOpen };
}
