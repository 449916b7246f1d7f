import { mulRatio, ONE_RATIO } from '@lib/v3-math';
import { chainPointKey, type ChainPoint } from './chain-point';
import { deepestCandidate, type PriceCandidate, type PriceRoute } from './price-candidate';
import type { PoolDirectory, PoolTokens } from './pool-directory';
import { quoteInPool } from './pool-quote';
import type { PoolState } from './pool-state';
import type { PricingConfig } from './pricing-config';
import type { PriceResult } from './usd-price-source';

/** What pricing reads, already loaded: the pools, and pool states at the points asked about. */
export interface PriceMarket {
  directory: PoolDirectory;
  /** The pool's state as of the point; null when it has no Swap or Initialize before it. */
  stateOf(pool: string, at: ChainPoint): PoolState | null;
}

/** A pool that can price `token`, and the route its other token takes to USD. */
interface QuotePool {
  pool: PoolTokens;
  quote: string;
  route: PriceRoute;
}

function quotePoolsOf(token: string, directory: PoolDirectory, config: PricingConfig): QuotePool[] {
  const out: QuotePool[] = [];
  for (const pool of directory.poolsOfToken(token)) {
    const quote = pool.token0 === token ? pool.token1 : pool.token0;
    if (config.usdStablecoins.includes(quote)) out.push({ pool, quote, route: 'stablecoin' });
    // The wrapped native token itself is priced by stablecoin pools only.
    else if (quote === config.wrappedNative && token !== config.wrappedNative) out.push({ pool, quote, route: 'wrapped-native' });
  }
  return out;
}

/** Every pool whose state pricing `token` may read: its quote pools, and the wrapped native's if it has a route through it. */
export function poolsToPrice(token: string, directory: PoolDirectory, config: PricingConfig): string[] {
  const lower = token.toLowerCase();
  if (config.usdStablecoins.includes(lower)) return [];
  const quotePools = quotePoolsOf(lower, directory, config);
  const pools = quotePools.map((q) => q.pool.address);
  if (quotePools.some((q) => q.route === 'wrapped-native')) pools.push(...quotePoolsOf(config.wrappedNative, directory, config).map((q) => q.pool.address));
  return pools;
}

/**
 * Answers worth keeping across calls: a price depends only on the token and the states of
 * the pools `poolsToPrice` names (and on the directory and config, which a cache must not
 * outlive), not on the point, so events between the same swaps share one computation.
 */
export interface PriceMemo {
  get(key: string): PriceResult | undefined;
  set(key: string, value: PriceResult): void;
}

/**
 * USD prices from pool state (the Uniswap v3 subgraph's approach), exact:
 * - a configured stablecoin is worth 1;
 * - any other token: every pool pairing it with a stablecoin (USD price = pool price) or with
 *   the wrapped native token (USD price = pool price · the wrapped native's USD price, itself
 *   priced this way from stablecoin pools) is a candidate if it has a state before the point
 *   and known decimals; the deepest candidate wins (see compareCandidates).
 * Returns a function; it remembers the answers it gave (one batch's worth).
 */
export function createTokenUsdPricer(market: PriceMarket, config: PricingConfig, memo?: PriceMemo): (token: string, at: ChainPoint) => PriceResult {
  const answers = new Map<string, PriceResult>();

  const price = (token: string, at: ChainPoint): PriceResult => {
    const key = `${token}@${chainPointKey(at)}`;
    let answer = answers.get(key);
    if (!answer) answers.set(key, (answer = memo ? remembered(token, at, memo) : priceOnce(token, at)));
    return answer;
  };

  // Keyed by the states read, not the point. Failures are not kept: their reason names the point.
  const remembered = (token: string, at: ChainPoint, cache: PriceMemo): PriceResult => {
    const states = poolsToPrice(token, market.directory, config).map((pool) => market.stateOf(pool, at)?.source.id ?? '-');
    const key = `${token}|${states.join(',')}`;
    const known = cache.get(key);
    if (known) return known;
    const answer = priceOnce(token, at);
    if (answer.ok) cache.set(key, answer);
    return answer;
  };

  const priceOnce = (token: string, at: ChainPoint): PriceResult => {
    if (config.usdStablecoins.includes(token)) return { ok: true, usdPerToken: ONE_RATIO, via: [] };
    const quotePools = quotePoolsOf(token, market.directory, config);
    if (quotePools.length === 0) {
      const quotes = token === config.wrappedNative ? 'a USD stablecoin' : `a USD stablecoin or ${config.wrappedNative}`;
      return { ok: false, reason: `no pool pairs ${token} with ${quotes}` };
    }
    const decimals = market.directory.decimalsOf(token);
    if (!decimals.ok) return decimals;

    const candidates: PriceCandidate[] = [];
    const problems: string[] = [];
    for (const { pool, quote, route } of quotePools) {
      const state = market.stateOf(pool.address, at);
      if (!state) {
        problems.push(`pool ${pool.address}: no Swap or Initialize before it`);
        continue;
      }
      const quoteDecimals = market.directory.decimalsOf(quote);
      if (!quoteDecimals.ok) {
        problems.push(`pool ${pool.address}: ${quoteDecimals.reason}`);
        continue;
      }
      const quoteUsd = route === 'stablecoin' ? ({ ok: true, usdPerToken: ONE_RATIO, via: [] } as const) : price(quote, at);
      if (!quoteUsd.ok) {
        problems.push(`pool ${pool.address}: ${quoteUsd.reason}`);
        continue;
      }
      const byToken = (t: string) => (t === token ? decimals.decimals : quoteDecimals.decimals);
      const q = quoteInPool({ pool, state, base: token, decimals0: byToken(pool.token0), decimals1: byToken(pool.token1) });
      candidates.push({
        pool: pool.address,
        route,
        usdPerToken: mulRatio(q.price, quoteUsd.usdPerToken),
        depthUsd: mulRatio(q.quoteReserve, quoteUsd.usdPerToken),
        via: [pool.address, ...quoteUsd.via],
      });
    }
    const best = deepestCandidate(candidates);
    if (best) return { ok: true, usdPerToken: best.usdPerToken, via: best.via };
    return { ok: false, reason: `no pool prices ${token} as of ${chainPointKey(at)}: ${problems.join('; ')}` };
  };

  return (token, at) => price(token.toLowerCase(), at);
}
