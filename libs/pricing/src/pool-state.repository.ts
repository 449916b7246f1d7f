import type { Pool } from 'pg';
import { BoundedCache, recordCacheLookup } from '@lib/chain';
import { assertChainPoint, chainPointKey, type ChainPoint } from './chain-point';
import { poolStateFromRow, type PoolState, type PoolStateRow } from './pool-state';

export interface PoolStateRequest {
  pool: string;
  at: ChainPoint;
}

/**
 * For each (pool, point) of the arrays, the pool's last price-carrying event strictly
 * before the point. One query for any number of requests: the LATERAL subquery walks the
 * ("pool", "blockNumber") index backwards from the point and stops at the first match
 * (`blockNumber <= $block` is the index condition; the row comparison then drops the
 * point's own log and every later log of the same block). Rows that cannot be a price
 * (no integer sqrtPriceX96, no tick) are passed over, not returned.
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
       AND p."eventName" IN ('Swap', 'Initialize')
       AND p."sqrtPriceX96" ~ '^[1-9][0-9]*$'
       AND p.tick IS NOT NULL
     ORDER BY p."blockNumber" DESC, p."logIndex" DESC
     LIMIT 1
  ) e`;

export interface PoolStateRepositoryOptions {
  /** How many (pool, point) answers to keep; least recently used dropped first. */
  maxCachedStates?: number;
}

/**
 * Pool price states as of chain points, from "PoolEvent". Past states never change, so
 * answers are cached per (pool, point); a batch asks the database only for the ones it
 * has not seen, in one query. Pool addresses are compared lowercase (as stored).
 */
export class PoolStateRepository {
  private readonly cache: BoundedCache<Promise<PoolState | null>>;

  constructor(
    private readonly db: Pool,
    options: PoolStateRepositoryOptions = {},
  ) {
    this.cache = new BoundedCache(options.maxCachedStates ?? 100_000);
  }

  /** The state of each requested pool as of its point (null: no Swap or Initialize before it), in request order. */
  async statesAsOf(requests: readonly PoolStateRequest[]): Promise<(PoolState | null)[]> {
    const keys: string[] = [];
    // This call's own promises: the cache may evict some before the batch is read back.
    const answers = new Map<string, Promise<PoolState | null>>();
    const missing = new Map<string, PoolStateRequest>();
    for (const request of requests) {
      assertChainPoint(request.at);
      const normalized = { pool: request.pool.toLowerCase(), at: request.at };
      const key = `${normalized.pool}@${chainPointKey(request.at)}`;
      keys.push(key);
      if (answers.has(key) || missing.has(key)) continue;
      const cached = this.cache.get(key);
      recordCacheLookup('pool-state', cached ? 'hit' : 'miss');
      if (cached) answers.set(key, cached);
      else missing.set(key, normalized);
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
    return Promise.all(keys.map((key) => answers.get(key)!));
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
