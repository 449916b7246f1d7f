import type { Pool } from 'pg';
import { compareChainPoints, type ChainPoint } from './chain-point';
import { poolStateFromRow, type PoolState, type PoolStateRow } from './pool-state';
import { PoolPriceTimeline } from './pool-price-timeline';

/** The rows that carry a usable price: the same conditions as POOL_STATES_AS_OF_SQL's. */
export const USABLE_PRICE_ROW = `p."eventName" IN ('Swap', 'Initialize') AND p."sqrtPriceX96" ~ '^[1-9][0-9]*$' AND p.tick IS NOT NULL`;

export interface PoolPriceTimelinesOptions {
  /** States kept in memory over all pools (about 250 bytes each); the oldest are dropped first. */
  maxTimelineStates?: number;
  /** Rows read per pool and statement (5 000): a long first read goes in rounds, so memory stays bounded. */
  timelineRowsPerRead?: number;
}

/**
 * Every pool's price timeline, read forward from "PoolEvent" as batches ask for later points:
 * a batch's states then cost one range read of the rows no batch has read yet (the
 * (pool, "blockNumber", "logIndex") index), instead of one index probe per (pool, point).
 * A pool's timeline starts at the median point of the first batch that asks about it (its
 * base state read by the same statement, one index probe): not at the batch's oldest point,
 * which may be a position's opening months back, so the first read is of recent history. Points before what is kept (a lagging
 * partition, an old opening) are left to the caller.
 * Loads run one at a time, so concurrent batches never read a range twice.
 */
export class PoolPriceTimelines {
  private readonly timelines = new Map<string, PoolPriceTimeline>();
  private loading: Promise<unknown> = Promise.resolve();
  private readonly maxStates: number;
  private readonly rowsPerRead: number;

  constructor(
    private readonly db: Pool,
    options: PoolPriceTimelinesOptions = {},
  ) {
    this.maxStates = options.maxTimelineStates ?? 100_000;
    this.rowsPerRead = options.timelineRowsPerRead ?? 5_000;
  }

  /** Each request's state as of its point (pool lowercase), or undefined where the timelines cannot tell. */
  async statesAsOf(requests: readonly { pool: string; at: ChainPoint }[]): Promise<(PoolState | null | undefined)[]> {
    const needs = new Map<string, { points: ChainPoint[]; to: ChainPoint }>();
    for (const r of requests) {
      const seen = needs.get(r.pool);
      if (!seen) needs.set(r.pool, { points: [r.at], to: r.at });
      else {
        if (!this.timelines.has(r.pool)) seen.points.push(r.at);
        if (compareChainPoints(r.at, seen.to) > 0) seen.to = r.at;
      }
    }
    const run = this.loading.then(() => this.load(needs));
    this.loading = run.catch(() => undefined);
    await run;
    return requests.map((r) => this.timelines.get(r.pool)?.stateAsOf(r.at));
  }

  private async load(needs: ReadonlyMap<string, { points: ChainPoint[]; to: ChainPoint }>): Promise<void> {
    // A new pool's timeline starts at the median point asked about: read from there, and the state just before.
    let windows = [...needs].flatMap(([pool, need]) => {
      const timeline = this.timelines.get(pool);
      const from = timeline ? timeline.loadedUntil : need.points.sort(compareChainPoints)[need.points.length >> 1];
      return !timeline || compareChainPoints(need.to, from) > 0 ? [{ pool, from, to: need.to, fresh: !timeline }] : [];
    });
    // In rounds of at most rowsPerRead rows a pool: memory stays bounded.
    while (windows.length > 0) {
      const { rows } = await this.db.query<PoolStateRow & { base: boolean }>(
        `WITH w AS (SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[], $6::bool[]) AS w(pool, fb, fl, tb, tl, fresh))
         SELECT w.pool, false AS base, p.id, p."eventName", p."blockNumber", p."logIndex", p."sqrtPriceX96", p.tick, p.liquidity
           FROM w CROSS JOIN LATERAL (
             SELECT p.* FROM "PoolEvent" p
              WHERE p.pool = w.pool AND p."blockNumber" BETWEEN w.fb AND w.tb
                AND (p."blockNumber", p."logIndex") >= (w.fb, w.fl) AND (p."blockNumber", p."logIndex") < (w.tb, w.tl) AND ${USABLE_PRICE_ROW}
              ORDER BY p."blockNumber", p."logIndex" LIMIT ${this.rowsPerRead}) p
         UNION ALL
         SELECT w.pool, true AS base, b.id, b."eventName", b."blockNumber", b."logIndex", b."sqrtPriceX96", b.tick, b.liquidity
           FROM w CROSS JOIN LATERAL (
             SELECT p.* FROM "PoolEvent" p
              WHERE p.pool = w.pool AND p."blockNumber" <= w.fb AND (p."blockNumber", p."logIndex") < (w.fb, w.fl) AND ${USABLE_PRICE_ROW}
              ORDER BY p."blockNumber" DESC, p."logIndex" DESC LIMIT 1) b
          WHERE w.fresh
          ORDER BY pool, "blockNumber", "logIndex"`,
        [
          windows.map((w) => w.pool),
          windows.map((w) => w.from.blockNumber),
          windows.map((w) => w.from.logIndex),
          windows.map((w) => w.to.blockNumber),
          windows.map((w) => w.to.logIndex),
          windows.map((w) => w.fresh),
        ],
      );
      const loaded = new Map<string, { base: PoolState | null; states: PoolState[] }>(windows.map((w) => [w.pool, { base: null, states: [] }]));
      for (const r of rows) {
        const entry = loaded.get(r.pool)!;
        if (r.base) entry.base = poolStateFromRow(r);
        else entry.states.push(poolStateFromRow(r));
      }
      const rest: typeof windows = [];
      for (const w of windows) {
        const { base, states } = loaded.get(w.pool)!;
        if (w.fresh) this.timelines.set(w.pool, new PoolPriceTimeline(w.from, base));
        // A full round may have stopped short of `to`: complete up to just after its last row, go on from there.
        const last = states[states.length - 1]?.source;
        const until = states.length === this.rowsPerRead ? { blockNumber: last.blockNumber, logIndex: last.logIndex + 1 } : w.to;
        this.timelines.get(w.pool)!.append(states, until);
        if (compareChainPoints(until, w.to) < 0) rest.push({ pool: w.pool, from: until, to: w.to, fresh: false });
      }
      this.trim();
      windows = rest;
    }
  }

  /** Over budget: halve the largest timeline until within it. */
  private trim(): void {
    let total = 0;
    for (const t of this.timelines.values()) total += t.size;
    while (total > this.maxStates) {
      const largest = [...this.timelines.values()].reduce((a, b) => (b.size > a.size ? b : a));
      const keep = Math.floor(largest.size / 2);
      total -= largest.size - keep;
      largest.keepNewest(keep);
    }
  }
}
