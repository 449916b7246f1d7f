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
  /** The pool's tick changes after the MINT and before the event, in chain order (a TickSeries is summed by blocks). */
  changes: Iterable<TickChange> | TickSeries;
  tickLower: number;
  tickUpper: number;
}

/**
 * Seconds from the MINT to the event during which the pool tick was in the position's
 * range (tickLower ≤ tick < tickUpper). The tick holds from one change to the next;
 * changes within one block share its timestamp, so only the last of them lasts any time.
 */
export function timeInRange(input: TimeInRangeInput): { secondsInRange: number; secondsOpen: number } {
  const { changes } = input;
  return isTickSeries(changes) && summable(input.openedAt, input.at, changes) ? sumOfSeries(input, changes) : fold(input);
}

/** The definition: a step per change. */
function fold(input: TimeInRangeInput): { secondsInRange: number; secondsOpen: number } {
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

/** Tick changes that can sum their in-range seconds without a step per change (pool-tick-timeline.ts). */
export interface TickSeries extends Iterable<TickChange> {
  readonly length: number;
  readonly timestampsMonotone: boolean;
  /** Of the first and the last change (length > 0). */
  readonly firstTimestamp: number;
  readonly lastTimestamp: number;
  readonly lastTick: number;
  /** Seconds from the first change to the last during which the tick was in [tickLower, tickUpper). */
  secondsInRangeBetween(tickLower: number, tickUpper: number): number;
}

function isTickSeries(changes: Iterable<TickChange> | TickSeries): changes is TickSeries {
  return typeof (changes as TickSeries).secondsInRangeBetween === 'function';
}

/**
 * Whether the fold is exactly a sum over the series: timestamps in chain order never
 * decrease and every change lies within [openedAt, at], so no clamping applies.
 */
function summable(openedAt: number, at: number, changes: TickSeries): boolean {
  if (changes.length === 0) return at >= openedAt;
  return changes.timestampsMonotone && changes.firstTimestamp >= openedAt && changes.lastTimestamp <= at;
}

/** The fold's result by the series' block sums: the opening's tick until the first change, the changes' own spans, the last tick until `at`. */
function sumOfSeries(input: TimeInRangeInput, changes: TickSeries): { secondsInRange: number; secondsOpen: number } {
  const { openedAt, at, tickAtOpen, tickLower, tickUpper } = input;
  const inRange = (tick: number | null) => tick !== null && isInRange(tick, tickLower, tickUpper);
  if (changes.length === 0) return { secondsInRange: inRange(tickAtOpen) ? at - openedAt : 0, secondsOpen: at - openedAt };
  let seconds = inRange(tickAtOpen) ? changes.firstTimestamp - openedAt : 0;
  seconds += changes.secondsInRangeBetween(tickLower, tickUpper);
  if (inRange(changes.lastTick)) seconds += at - changes.lastTimestamp;
  return { secondsInRange: seconds, secondsOpen: at - openedAt };
}
