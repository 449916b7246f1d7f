import { compareRatio, type Ratio } from '@lib/v3-math';

/** How a candidate pool reaches USD: its other token is a stablecoin, or the wrapped native token. */
export type PriceRoute = 'stablecoin' | 'wrapped-native';

/** One pool's USD price for a token, and how deep that pool is. */
export interface PriceCandidate {
  pool: string;
  route: PriceRoute;
  usdPerToken: Ratio;
  /** In-range virtual reserve of the pool's quote token (stablecoin or wrapped native) at its last swap, in USD. */
  depthUsd: Ratio;
  /** Pools used, from the token outwards. */
  via: string[];
}

/**
 * Deepest first: larger depth in USD; on equal depth the direct stablecoin route (one pool,
 * not two); then the lower pool address — so the choice never depends on row order.
 */
export function compareCandidates(a: PriceCandidate, b: PriceCandidate): number {
  const byDepth = compareRatio(b.depthUsd, a.depthUsd);
  if (byDepth !== 0) return byDepth;
  if (a.route !== b.route) return a.route === 'stablecoin' ? -1 : 1;
  return a.pool < b.pool ? -1 : a.pool > b.pool ? 1 : 0;
}

/** The deepest candidate, or undefined when there is none. */
export function deepestCandidate(candidates: readonly PriceCandidate[]): PriceCandidate | undefined {
  return [...candidates].sort(compareCandidates)[0];
}
