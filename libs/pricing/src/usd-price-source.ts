import type { Ratio } from '@lib/v3-math';
import type { ChainPoint } from './chain-point';

/** The USD price of a token as of a chain point (after every log strictly before it). */
export interface UsdPriceRequest {
  token: string;
  at: ChainPoint;
}

/**
 * A price, or why there is none. Never a guess: a missing price is reported with its reason
 * and the caller decides (store NULL, skip with the reason, DLQ).
 */
export type PriceResult =
  | {
      ok: true;
      /** USD per one whole token (10^decimals raw units), exact. */
      usdPerToken: Ratio;
      /** The pools the price went through, from the token outwards (empty for a stablecoin). */
      via: string[];
    }
  | { ok: false; reason: string };

/**
 * Where USD prices come from. PoolPriceSource derives them from pool state; an oracle feed
 * (Flare's FTSO) can be added as another implementation of this interface.
 */
export interface UsdPriceSource {
  /** One result per request, in request order. Rejects only on I/O failure (transient: retry). */
  pricesUsd(requests: readonly UsdPriceRequest[]): Promise<PriceResult[]>;
}
