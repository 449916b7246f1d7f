import type { Pool } from 'pg';
import { upsertRows, type Queryable } from '@lib/db';
import { parseRatio } from '@lib/v3-math';
import { blocksAtOrBefore, type BlockAtTime } from '@lib/position';
import { DAY_SECONDS } from './apr-days';
import type { IncentiveRow } from './incentive-programmes';
import type { DailyFlow } from './pool-balance';

/** A row of `pool_apr_daily`. */
export interface PoolAprRow {
  pool: string;
  day: string;
  end_block: number | null;
  balance0: string;
  balance1: string;
  price0_usd: number | null;
  price1_usd: number | null;
  tvl_usd: string | null;
  fees_usd: string;
  /** NULL: unknown (a programme running that day has no USD value; `reason` says which). */
  incentive_usd_per_day: string | null;
  rflr_usd_per_day: string | null;
  fee_apr: number | null;
  incentive_apr: number | null;
  rflr_apr: number | null;
  total_apr: number | null;
  reason: string | null;
}

const COLUMNS = [
  'pool',
  'day',
  'end_block',
  'balance0',
  'balance1',
  'price0_usd',
  'price1_usd',
  'tvl_usd',
  'fees_usd',
  'incentive_usd_per_day',
  'rflr_usd_per_day',
  'fee_apr',
  'incentive_apr',
  'rflr_apr',
  'total_apr',
  'reason',
] as const;

/** A Swap of a pool-day, as the fee sum needs it. */
export interface DaySwap {
  id: string;
  pool: string;
  blockNumber: number;
  logIndex: number;
  timestamp: number;
  amount0: string | null;
  amount1: string | null;
}

/** A pool's event days, and the first block of its events without a block_time row (null: none). */
export interface PoolEventDays {
  days: Set<number>;
  blockWithoutTime: number | null;
}

/** The SQL of the APR step: facts from "PoolEvent", "Pool", "PoolIncentive", rflr_allocation in; pool_apr_daily out. */
export class AprRepository {
  constructor(private readonly pool: Pool) {}

  async pools(addresses: string[]): Promise<Map<string, { token0: string; token1: string; fee: number }>> {
    const { rows } = await this.pool.query(
      `SELECT address, lower(token0) AS token0, lower(token1) AS token1, fee FROM "Pool" WHERE address = ANY($1::text[])`,
      [addresses],
    );
    return new Map(rows.map((r) => [r.address, { token0: r.token0, token1: r.token1, fee: r.fee }]));
  }

  /** One keyset page of the pools of "Pool" with at least one event (the end-of-replay fill's pools), after `after`. */
  async poolsWithEvents(after: string | undefined, limit: number): Promise<string[]> {
    const { rows } = await this.pool.query(
      `SELECT p.address FROM "Pool" p
        WHERE ($1::text IS NULL OR p.address > $1) AND EXISTS (SELECT 1 FROM "PoolEvent" e WHERE e.pool = p.address)
        ORDER BY p.address LIMIT $2`,
      [after ?? null, limit],
    );
    return rows.map((r) => r.address);
  }

  /**
   * The UTC days (epoch seconds) on which each pool has events, each event at its block's
   * time (`block_time`), and the first block of the pool's events that has no time (null:
   * none) — such a pool's days cannot be placed, nor its balances folded per day: the step
   * leaves it out (docs/steps.md, APR). Every pool asked has an entry.
   */
  async eventDays(pools: string[]): Promise<Map<string, PoolEventDays>> {
    const { rows } = await this.pool.query(
      `SELECT e.pool, (bt.timestamp / ${DAY_SECONDS}) * ${DAY_SECONDS} AS day, min(e."blockNumber") AS first_block
         FROM "PoolEvent" e LEFT JOIN block_time bt ON bt.block_number = e."blockNumber"
        WHERE e.pool = ANY($1::text[])
        GROUP BY e.pool, day`,
      [pools],
    );
    const out = new Map<string, PoolEventDays>(pools.map((p) => [p, { days: new Set(), blockWithoutTime: null }]));
    for (const r of rows) {
      const entry = out.get(r.pool);
      if (!entry) continue;
      if (r.day === null) entry.blockWithoutTime = Number(r.first_block);
      else entry.days.add(Number(r.day));
    }
    return out;
  }

  /** The days already in pool_apr_daily per pool. */
  async computedDays(pools: string[]): Promise<Map<string, Set<number>>> {
    const { rows } = await this.pool.query(`SELECT pool, extract(epoch FROM day::timestamp)::bigint AS day FROM pool_apr_daily WHERE pool = ANY($1::text[])`, [
      pools,
    ]);
    return groupSets(pools, rows, (r) => Number(r.day));
  }

  /**
   * Net raw flow of each token into each pool per UTC day before `untilDayEnd`, from the
   * pool's creation: + Mint amounts, + a Swap's signed amounts (input positive, output
   * negative), − Collect amounts. Burn moves nothing out (the tokens stay in the pool
   * until collected); Flash's paid fees have no column and are not counted.
   */
  /** Each pool's net flow per day over its whole history (every pool asked has an entry). */
  async dailyFlows(pools: string[]): Promise<Map<string, DailyFlow[]>> {
    const { rows } = await this.pool.query(
      // Each event on its block's day (block_time). An event whose block has no time is left out
      // here: its pool has a blockWithoutTime in eventDays, and the step computes none of its days.
      `SELECT e.pool, (bt.timestamp / ${DAY_SECONDS}) * ${DAY_SECONDS} AS day,
              sum(CASE WHEN e."eventName" = 'Collect' THEN -e.amount0::numeric ELSE e.amount0::numeric END)::text AS net0,
              sum(CASE WHEN e."eventName" = 'Collect' THEN -e.amount1::numeric ELSE e.amount1::numeric END)::text AS net1
         FROM "PoolEvent" e JOIN block_time bt ON bt.block_number = e."blockNumber"
        WHERE e.pool = ANY($1::text[]) AND e."eventName" IN ('Mint', 'Swap', 'Collect')
          AND e.amount0 ~ '^-?[0-9]+$' AND e.amount1 ~ '^-?[0-9]+$'
        GROUP BY e.pool, day`,
      [pools],
    );
    const out = new Map<string, DailyFlow[]>(pools.map((p) => [p, []]));
    for (const r of rows) out.get(r.pool)?.push({ dayStart: Number(r.day), net0: BigInt(r.net0), net1: BigInt(r.net1) });
    return out;
  }

  /**
   * Per day end: the newest block of the source history before it (times are whole seconds:
   * at or before day end − 1), from block_time (`blocksAtOrBefore` of @lib/position; block 0:
   * none; not ok: a block without a time could be the one). Prices change only at pool
   * events, so the end of that block prices as the end of the last pool event's block.
   */
  async endBlocks(dayEnds: number[]): Promise<Map<number, BlockAtTime>> {
    const blocks = await blocksAtOrBefore(
      this.pool,
      dayEnds.map((d) => d - 1),
    );
    return new Map(dayEnds.map((d) => [d, blocks.get(d - 1)!]));
  }

  /** The Swaps of each (pool, day). */
  async swapsOfDays(keys: { pool: string; day: number }[]): Promise<DaySwap[]> {
    const { rows } = await this.pool.query(
      // The day as a block range from block_time (its first block at or after the day start, and
      // the first at or after its end; one index step each on block_time_timestamp), then the
      // pool's Swaps in that range on lpe_pool_event_price_order; each swap's time by the
      // block_time key. OFFSET 0 keeps one range lookup per pool-day (docs/profiling.md). A swap
      // whose block has no time is left out: its pool has a blockWithoutTime in eventDays, and
      // the step computes none of its days.
      `SELECT e.id, e.pool, e."blockNumber", e."logIndex", bt.timestamp, e.amount0, e.amount1
         FROM unnest($1::text[], $2::bigint[]) AS k(pool, day)
         CROSS JOIN LATERAL (SELECT f.block_number FROM block_time f WHERE f.timestamp >= k.day ORDER BY f.timestamp, f.block_number LIMIT 1) f
         CROSS JOIN LATERAL (
           SELECT coalesce((SELECT u.block_number FROM block_time u WHERE u.timestamp >= k.day + ${DAY_SECONDS} ORDER BY u.timestamp, u.block_number LIMIT 1), 2147483647) AS block_number) u
         CROSS JOIN LATERAL (
           SELECT e.id, e.pool, e."blockNumber", e."logIndex", e.amount0, e.amount1 FROM "PoolEvent" e
            WHERE e.pool = k.pool AND e."eventName" = 'Swap' AND e."blockNumber" >= f.block_number AND e."blockNumber" < u.block_number OFFSET 0) e
         JOIN block_time bt ON bt.block_number = e."blockNumber"`,
      [keys.map((k) => k.pool), keys.map((k) => k.day)],
    );
    return rows.map((r) => ({
      id: r.id,
      pool: r.pool,
      blockNumber: r.blockNumber,
      logIndex: r.logIndex,
      timestamp: r.timestamp,
      amount0: r.amount0,
      amount1: r.amount1,
    }));
  }

  /**
   * The pools' "PoolIncentive" rows ("startDate"/"endDate" are UTC wall times), as stored:
   * programme rows and production's rolling snapshots alike (the step collapses them:
   * incentive-programmes.ts). A NULL "rewardUsdPerDay" stays null.
   */
  async incentives(pools: string[]): Promise<Map<string, IncentiveRow[]>> {
    const { rows } = await this.pool.query(
      `SELECT lower("poolAddress") AS pool, lower("rewardToken") AS token, extract(epoch FROM "startDate")::float8 AS start,
              extract(epoch FROM "endDate")::float8 AS "end", "isActive", "rewardUsdPerDay"::text AS usd, "programName"
         FROM "PoolIncentive" WHERE lower("poolAddress") = ANY($1::text[])
        ORDER BY pool, token, "startDate"`,
      [pools],
    );
    const out = new Map<string, IncentiveRow[]>(pools.map((p) => [p, []]));
    for (const r of rows)
      out.get(r.pool)?.push({
        rewardToken: r.token,
        start: Math.floor(r.start),
        end: r.end === null ? null : Math.floor(r.end),
        isActive: r.isActive,
        rewardUsdPerDay: r.usd === null ? null : parseRatio(r.usd),
        programName: r.programName,
      });
    return out;
  }

  /**
   * The rFLR allocated per pool and month ('YYYY-MM-01'). A position's pool comes from the
   * source facts — the pool Mint its manager made in the transaction of the position's mint
   * transfer (from the zero address; the manager's mint() logs the pool's Mint before it), which
   * both shapes have (production has no MINT row) — so the result does not depend on how far
   * step 1 has come; position_registry only where no such log is found.
   */
  /** rFLR allocated per pool in each of the months: month ('YYYY-MM-DD') → pool → raw amount (every month asked has an entry). */
  async rflrByMonth(months: string[]): Promise<Map<string, Map<string, bigint>>> {
    const { rows } = await this.pool.query(
      `WITH located AS (
         SELECT a.month_start, a.amount_raw, coalesce(
                  (SELECT m.pool FROM "PositionTransfer" t
                     JOIN "PoolEvent" m ON m."txHash" = t."txHash" AND m."eventName" = 'Mint' AND lower(m.owner) = a.position_manager AND m."logIndex" < t."logIndex"
                    WHERE t."tokenId" = a.token_id AND t."from" = '0x0000000000000000000000000000000000000000' AND lower(t."nfpmAddress") = a.position_manager
                    ORDER BY m."logIndex" DESC LIMIT 1),
                  (SELECT r.pool FROM position_registry r WHERE r.position_manager = a.position_manager AND r.token_id = a.token_id)) AS pool
           FROM rflr_allocation a WHERE a.month_start = ANY($1::date[]))
       SELECT pool, to_char(month_start, 'YYYY-MM-DD') AS month, sum(amount_raw)::text AS raw
         FROM located WHERE pool IS NOT NULL GROUP BY pool, month_start`,
      [months],
    );
    const out = new Map<string, Map<string, bigint>>(months.map((m) => [m, new Map()]));
    for (const r of rows) out.get(r.month)?.set(r.pool, BigInt(r.raw));
    return out;
  }

  async write(db: Queryable, rows: PoolAprRow[]): Promise<void> {
    if (rows.length === 0) return;
    await upsertRows(db, { table: 'pool_apr_daily', columns: COLUMNS, conflict: ['pool', 'day'], update: 'all', rows });
  }
}

function groupSets<R extends { pool: string }>(pools: string[], rows: R[], value: (r: R) => number): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>(pools.map((p) => [p, new Set()]));
  for (const r of rows) out.get(r.pool)?.add(value(r));
  return out;
}
