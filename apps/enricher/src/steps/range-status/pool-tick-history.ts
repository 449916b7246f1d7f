import { compareChainPoints, type ChainPoint } from '@lib/pricing';
import type { TickChange } from './time-in-range';

/** A pool's tick change with its place in chain order. */
export type PlacedTickChange = TickChange & ChainPoint;

/** First index whose point is after `point` (or at it, when `inclusive`), in a list sorted by chain order. */
function firstIndexAfter(sorted: readonly PlacedTickChange[], point: ChainPoint, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const c = compareChainPoints(sorted[mid], point);
    if (c > 0 || (inclusive && c === 0)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The changes strictly after `from` and strictly before `to` (what "as of" sees), by binary search. */
export function changesBetween(sorted: readonly PlacedTickChange[], from: ChainPoint, to: ChainPoint): PlacedTickChange[] {
  return sorted.slice(firstIndexAfter(sorted, from, false), firstIndexAfter(sorted, to, true));
}
