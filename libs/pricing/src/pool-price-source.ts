import type { Pool } from 'pg';
import { assertChainPoint, chainPointKey, type ChainPoint } from './chain-point';
import { PoolDirectoryRepository, type PoolDirectoryRepositoryOptions } from './pool-directory.repository';
import type { PoolState } from './pool-state';
import { PoolStateRepository, type PoolStateRepositoryOptions, type PoolStateRequest } from './pool-state.repository';
import type { PricingConfig } from './pricing-config';
import { createTokenUsdPricer, poolsToPrice } from './token-usd-price';
import type { PriceResult, UsdPriceRequest, UsdPriceSource } from './usd-price-source';

export type PoolPriceSourceOptions = PoolStateRepositoryOptions & PoolDirectoryRepositoryOptions;

/**
 * USD prices from the pools' own history in "PoolEvent" (rules: token-usd-price.ts and
 * docs/pricing.md). A batch costs at most two queries: the "Pool" table (cached) and the
 * states of every pool it needs at every point asked about (cached per pool and point).
 */
export class PoolPriceSource implements UsdPriceSource {
  private readonly config: PricingConfig;

  constructor(
    config: PricingConfig,
    private readonly pools: PoolDirectoryRepository,
    private readonly states: PoolStateRepository,
  ) {
    // Addresses are compared lowercase everywhere, as the tables store them.
    this.config = { usdStablecoins: config.usdStablecoins.map((a) => a.toLowerCase()), wrappedNative: config.wrappedNative.toLowerCase() };
  }

  static fromDatabase(db: Pool, config: PricingConfig, options: PoolPriceSourceOptions = {}): PoolPriceSource {
    return new PoolPriceSource(config, new PoolDirectoryRepository(db, options), new PoolStateRepository(db, options));
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
    const price = createTokenUsdPricer({ directory, stateOf }, this.config);
    return requests.map((r) => price(r.token, r.at));
  }
}

function stateKey(pool: string, at: ChainPoint): string {
  return `${pool}@${chainPointKey(at)}`;
}
