import { isInRange } from '@lib/v3-math';

/**
 * Component (b): 100 × min(tick − lower, upper − tick) / ((upper − lower) / 2), i.e. 100 at
 * the centre of the range, falling linearly to 0 at either edge; 0 out of range (Uniswap
 * semantics: tickLower ≤ tick < tickUpper is in range). Null without a pool tick.
 */
export function edgeDistanceScore(tick: number | null, tickLower: number, tickUpper: number): number | null {
  if (tick === null) return null;
  if (!isInRange(tick, tickLower, tickUpper)) return 0;
  const score = (100 * Math.min(tick - tickLower, tickUpper - tick)) / ((tickUpper - tickLower) / 2);
  return Math.min(100, Math.max(0, score));
}
