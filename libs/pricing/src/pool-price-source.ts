import type { Pool } from 'pg';
import { BoundedCache } from '@lib/chain';
import { assertChainPoint, chainPointKey, type ChainPoint } from './chain-point';
import type { PoolDirectory } from './pool-directory';
import { PoolDirectoryRepository, type PoolDirectoryRepositoryOptions } from './pool-directory.repository';
import type { PoolState } from './pool-state';
import { PoolStateRepository, type PoolStateRepositoryOptions, type PoolStateRequest } from './pool-state.repository';
import type { PricingConfig } from './pricing-config';
import { createTokenUsdPricer, poolsToPrice } from './token-usd-price';
import type { PriceResult, UsdPriceRequest, UsdPriceSource } from './usd-price-source';

export type PoolPriceSourceOptions = PoolStateRepositoryOptions & PoolDirectoryRepositoryOptions & { maxCachedPrices?: number };

/**
 * USD prices from the pools' own history in "PoolEvent" (rules: token-usd-price.ts and
 * docs/pricing.md). A batch costs at most three queries: the "Pool" table (cached) and the
 * states of every pool it needs at every point asked about (pool-state.repository.ts:
 * timelines read forward, older points looked up); prices are kept by the states they
 * were computed from, so events between the same swaps share one computation.
 */
export class PoolPriceSource implements UsdPriceSource {
  private readonly config: PricingConfig;
  /** Prices by the pool states they were computed from (token-usd-price.ts), for one directory. */
  private memo?: { directory: PoolDirectory; prices: BoundedCache<PriceResult> };

  constructor(
    config: PricingConfig,
    private readonly pools: PoolDirectoryRepository,
    private readonly states: PoolStateRepository,
    private readonly maxCachedPrices = 20_000,
  ) {
    // Addresses are compared lowercase everywhere, as the tables store them.
    this.config = { usdStablecoins: config.usdStablecoins.map((a) => a.toLowerCase()), wrappedNative: config.wrappedNative.toLowerCase() };
  }

  static fromDatabase(db: Pool, config: PricingConfig, options: PoolPriceSourceOptions = {}): PoolPriceSource {
    return new PoolPriceSource(config, new PoolDirectoryRepository(db, options), new PoolStateRepository(db, options), options.maxCachedPrices);
  }

  async pricesUsd(requests: readonly UsdPriceRequest[]): Promise<PriceResult[]> {
    if (requests.length === 0) return [];
    requests.forEach((r) => assertChainPoint(r.at));
    const directory = await this.pools.directory();

    const needed: PoolStateRequest[] = [];
    for (const { token, at } of requests) for (const pool of poolsToPrice(token, directory, this.config)) needed.push({ pool, at });
    const loaded = await this.states.statesAsOf(needed);
    const stateByKey = new Map<string, PoolState | null>();
    needed.forEach((r, i) => stateByKey.set(stateKey(r.pool, r.at), loaded[i]));

    const stateOf = (pool: string, at: ChainPoint): PoolState | null => {
      const state = stateByKey.get(stateKey(pool, at));
      if (state === undefined) throw new Error(`state of pool ${pool} as of ${chainPointKey(at)} was not loaded`);
      return state;
    };
    // A reloaded directory may name new pools or decimals: prices of the old one are not reused.
    if (this.memo?.directory !== directory) this.memo = { directory, prices: new BoundedCache(this.maxCachedPrices) };
    const price = createTokenUsdPricer({ directory, stateOf }, this.config, this.memo.prices);
    return requests.map((r) => price(r.token, r.at));
  }
}

function stateKey(pool: string, at: ChainPoint): string {
  return `${pool}@${chainPointKey(at)}`;
}
