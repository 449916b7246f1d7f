import type { Pool } from 'pg';
import { BoundedCache, recordCacheLookup } from '@lib/chain';
import { assertChainPoint, chainPointKey, type ChainPoint } from './chain-point';
import { poolStateFromRow, type PoolState, type PoolStateRow } from './pool-state';
import { PoolPriceTimelines, USABLE_PRICE_ROW, type PoolPriceTimelinesOptions } from './pool-price-timelines';

export interface PoolStateRequest {
  pool: string;
  at: ChainPoint;
}

/**
 * For each (pool, point) of the arrays, the pool's last price-carrying event strictly
 * before the point. One query for any number of requests: the LATERAL subquery walks the
 * (pool, "blockNumber", "logIndex") index of price rows (migration 0011) backwards from the
 * point and stops at the first match. Rows that cannot be a price (no integer
 * sqrtPriceX96, no tick) are passed over, not returned.
 */
export const POOL_STATES_AS_OF_SQL = `
SELECT r.i::int AS i, e.pool, e.id, e."eventName", e."blockNumber", e."logIndex", e."sqrtPriceX96", e.tick, e.liquidity
  FROM unnest($1::text[], $2::int[], $3::int[]) WITH ORDINALITY AS r(pool, block_number, log_index, i)
  CROSS JOIN LATERAL (
    SELECT p.pool, p.id, p."eventName", p."blockNumber", p."logIndex", p."sqrtPriceX96", p.tick, p.liquidity
      FROM "PoolEvent" p
     WHERE p.pool = r.pool
       AND p."blockNumber" <= r.block_number
       AND (p."blockNumber", p."logIndex") < (r.block_number, r.log_index)
       AND ${USABLE_PRICE_ROW}
     ORDER BY p."blockNumber" DESC, p."logIndex" DESC
     LIMIT 1
  ) e`;

export interface PoolStateRepositoryOptions extends PoolPriceTimelinesOptions {
  /** How many (pool, point) answers to keep; least recently used dropped first. */
  maxCachedStates?: number;
}

/**
 * Pool price states as of chain points, from "PoolEvent". Past states never change: the
 * pools' recent states are kept as timelines read forward (pool-price-timelines.ts), and
 * other answers (points older than those) are cached per (pool, point), a batch asking the
 * database only for the ones it has not seen, in one query. Pools compared lowercase (as stored).
 */
export class PoolStateRepository {
  private readonly cache: BoundedCache<Promise<PoolState | null>>;
  private readonly timelines?: PoolPriceTimelines;

  constructor(
    private readonly db: Pool,
    options: PoolStateRepositoryOptions = {},
  ) {
    this.cache = new BoundedCache(options.maxCachedStates ?? 20_000);
    if (options.maxTimelineStates !== 0) this.timelines = new PoolPriceTimelines(db, options);
  }

  /** The state of each requested pool as of its point (null: no Swap or Initialize before it), in request order. */
  async statesAsOf(requests: readonly PoolStateRequest[]): Promise<(PoolState | null)[]> {
    const normalized = requests.map((r) => {
      assertChainPoint(r.at);
      return { pool: r.pool.toLowerCase(), at: r.at };
    });
    const known = this.timelines ? await this.timelines.statesAsOf(normalized) : [];
    const keys: (string | null)[] = [];
    // This call's own promises: the cache may evict some before the batch is read back.
    const answers = new Map<string, Promise<PoolState | null>>();
    const missing = new Map<string, PoolStateRequest>();
    for (const [i, request] of normalized.entries()) {
      if (known[i] !== undefined) {
        keys.push(null);
        continue;
      }
      const key = `${request.pool}@${chainPointKey(request.at)}`;
      keys.push(key);
      if (answers.has(key) || missing.has(key)) continue;
      const cached = this.cache.get(key);
      recordCacheLookup('pool-state', cached ? 'hit' : 'miss');
      if (cached) answers.set(key, cached);
      else missing.set(key, request);
    }
    if (missing.size > 0) {
      const loading = this.load([...missing.values()]);
      [...missing.keys()].forEach((key, index) => {
        const answer = loading.then((states) => states[index]);
        answers.set(key, answer);
        this.cache.set(key, answer);
        // A failed read is not an answer: forget it so the next call asks again.
        answer.catch(() => {
          if (this.cache.get(key) === answer) this.cache.delete(key);
        });
      });
    }
    return Promise.all(keys.map((key, i) => (key === null ? (known[i] as PoolState | null) : answers.get(key)!)));
  }

  async stateAsOf(pool: string, at: ChainPoint): Promise<PoolState | null> {
    const [state] = await this.statesAsOf([{ pool, at }]);
    return state;
  }

  private async load(requests: readonly PoolStateRequest[]): Promise<(PoolState | null)[]> {
    const { rows } = await this.db.query<PoolStateRow & { i: number }>(POOL_STATES_AS_OF_SQL, [
      requests.map((r) => r.pool),
      requests.map((r) => r.at.blockNumber),
      requests.map((r) => r.at.logIndex),
    ]);
    const states: (PoolState | null)[] = requests.map(() => null);
    for (const row of rows) states[row.i - 1] = poolStateFromRow(row); // ORDINALITY counts from 1
    return states;
  }
}
