import type { Pool } from 'pg';
import { compareChainPoints, type ChainPoint } from '@lib/pricing';
import { PoolTickTimeline, type PlacedTickChange } from './pool-tick-timeline';

/**
 * Every pool's tick timeline, read from "PoolEvent" and kept for the life of the process
 * (each change at its block's time from `block_time`, never the row's `timestamp` column):
 * a batch asks for each pool up to the point it needs, and only what no earlier batch read
 * is queried (one statement for all pools, by the (pool, "blockNumber", "logIndex") index).
 * Past pool events never change (the source tables are complete before a run), so what
 * was read stays right. Loads run one at a time: concurrent batches never read a range twice.
 * A change whose block has no `block_time` row stops its pool's timeline just before it
 * (`blockWithoutTime` names the block; the callers reject what needs the changes after it);
 * the next load reads on from there, so a fill made meanwhile is seen.
 */
export class PoolTickTimelines {
  private readonly timelines = new Map<string, PoolTickTimeline>();
  /** Per pool, the block of the first change without a time, where its timeline stops (absent: none). */
  private readonly stoppedAt = new Map<string, number>();
  private loading: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Pool,
    /** Rows read per pool and statement: the first read (history from its start) goes in rounds, so memory stays bounded. */
    private readonly rowsPerRead = 20_000,
  ) {}

  /** The timelines of the pools, each loaded at least up to (excluding) its point. */
  async upTo(needs: ReadonlyMap<string, ChainPoint>): Promise<Map<string, PoolTickTimeline>> {
    const run = this.loading.then(() => this.load(needs));
    this.loading = run.catch(() => undefined);
    await run;
    return new Map([...needs.keys()].map((pool) => [pool, this.timelines.get(pool)!]));
  }

  /**
   * The block whose missing `block_time` row stopped the pool's timeline at its `loadedUntil`
   * (undefined: not stopped). A point after `loadedUntil` cannot be answered while it lasts.
   */
  blockWithoutTime(pool: string): number | undefined {
    return this.stoppedAt.get(pool);
  }

  private async load(needs: ReadonlyMap<string, ChainPoint>): Promise<void> {
    let windows: { pool: string; from: ChainPoint; to: ChainPoint }[] = [];
    for (const [pool, to] of needs) {
      let timeline = this.timelines.get(pool);
      if (!timeline) this.timelines.set(pool, (timeline = new PoolTickTimeline()));
      if (compareChainPoints(to, timeline.loadedUntil) > 0) windows.push({ pool, from: timeline.loadedUntil, to });
    }
    // In rounds of at most rowsPerRead rows a pool.
    while (windows.length > 0) {
      const { rows } = await this.db.query<{ pool: string; blockNumber: number; logIndex: number; timestamp: number | null; tick: number }>(
        // Each change's time by the block_time primary key (a missing row: NULL, not a dropped change).
        `SELECT w.pool, p."blockNumber", p."logIndex", bt.timestamp, p.tick
           FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[]) AS w(pool, fb, fl, tb, tl)
          CROSS JOIN LATERAL (
            SELECT p."blockNumber", p."logIndex", p.tick FROM "PoolEvent" p
             WHERE p.pool = w.pool AND p."blockNumber" BETWEEN w.fb AND w.tb
               AND (p."blockNumber", p."logIndex") >= (w.fb, w.fl) AND (p."blockNumber", p."logIndex") < (w.tb, w.tl)
               AND p."eventName" IN ('Swap', 'Initialize') AND p.tick IS NOT NULL
             ORDER BY p."blockNumber", p."logIndex" LIMIT ${this.rowsPerRead}) p
           LEFT JOIN block_time bt ON bt.block_number = p."blockNumber"
          ORDER BY w.pool, p."blockNumber", p."logIndex"`,
        [
          windows.map((w) => w.pool),
          windows.map((w) => w.from.blockNumber),
          windows.map((w) => w.from.logIndex),
          windows.map((w) => w.to.blockNumber),
          windows.map((w) => w.to.logIndex),
        ],
      );
      const byPool = new Map<string, PlacedTickChange[]>(windows.map((w) => [w.pool, []]));
      const untimed = new Map<string, ChainPoint>();
      for (const r of rows) {
        if (untimed.has(r.pool)) continue;
        if (r.timestamp === null) untimed.set(r.pool, { blockNumber: r.blockNumber, logIndex: r.logIndex });
        else byPool.get(r.pool)!.push({ blockNumber: r.blockNumber, logIndex: r.logIndex, timestamp: r.timestamp, tick: r.tick });
      }
      const rest: typeof windows = [];
      for (const w of windows) {
        const changes = byPool.get(w.pool)!;
        const stop = untimed.get(w.pool);
        if (stop) {
          // Up to (excluding) the change without a time; no further until a load finds its time.
          this.timelines.get(w.pool)!.append(changes, stop);
          this.stoppedAt.set(w.pool, stop.blockNumber);
          continue;
        }
        this.stoppedAt.delete(w.pool);
        // A full round may have stopped short of `to`: complete up to just after its last row, go on from there.
        const last = changes[changes.length - 1];
        const until = changes.length === this.rowsPerRead ? { blockNumber: last.blockNumber, logIndex: last.logIndex + 1 } : w.to;
        this.timelines.get(w.pool)!.append(changes, until);
        if (compareChainPoints(until, w.to) < 0) rest.push({ pool: w.pool, from: until, to: w.to });
      }
      windows = rest;
    }
  }
}
