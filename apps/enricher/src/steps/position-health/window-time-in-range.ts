import { type TickChange, timeInRange } from '@lib/position';
import { HEALTH_WINDOW_SECONDS } from './health-weights';

export interface WindowTimeInRangeInput {
  /** Chain time the position opened (its MINT). */
  openedAt: number;
  /** The as-of time. */
  at: number;
  /** The pool tick as of the opening (null: no price yet). */
  tickAtOpen: number | null;
  /**
   * The pool's tick changes after the opening and before the as-of point, in chain order;
   * those at or before the window's start may be left out if tickAtOpen is then the tick they left.
   */
  changes: Iterable<TickChange>;
  tickLower: number;
  tickUpper: number;
}

/**
 * Component (a): the share of the last 7 days before `at` during which the pool tick was in
 * the range, counting only time since the position opened. Range status's timeInRange
 * measures it from the window's start: changes before that start only set the tick it
 * starts with. Score null when the window is empty (as of the MINT itself).
 */
export function windowTimeInRange(x: WindowTimeInRangeInput): { secondsInRange: number; secondsOpen: number; score: number | null } {
  const from = healthWindowStart(x.openedAt, x.at);
  const t = timeInRange({ openedAt: from, at: x.at, tickAtOpen: x.tickAtOpen, changes: x.changes, tickLower: x.tickLower, tickUpper: x.tickUpper });
  return { ...t, score: t.secondsOpen > 0 ? (100 * t.secondsInRange) / t.secondsOpen : null };
}

/** Where the window of component (a) starts: 7 days before `at`, not before the opening. */
export function healthWindowStart(openedAt: number, at: number): number {
  return Math.max(openedAt, at - HEALTH_WINDOW_SECONDS);
}
