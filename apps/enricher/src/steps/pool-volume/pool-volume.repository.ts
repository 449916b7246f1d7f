import type { Pool } from 'pg';
import { upsertRows, type Queryable } from '@lib/db';
import { formatUsd, parseUsd } from '@lib/position';
import { factRange, hourlyVolumes, hoursAffectedBy, type SwapFact } from './hourly-volume';

/** A row of `swap_volume`: one per valued Swap. */
export interface SwapVolumeRow {
  id: string;
  pool: string;
  block_number: number;
  log_index: number;
  timestamp: number;
  hour_start: string;
  token_in: string;
  amount_in: string;
  price_usd: number;
  volume_usd: string;
  fees_usd: string;
  price_via: string;
}

const SWAP_COLUMNS = [
  'id',
  'pool',
  'block_number',
  'log_index',
  'timestamp',
  'hour_start',
  'token_in',
  'amount_in',
  'price_usd',
  'volume_usd',
  'fees_usd',
  'price_via',
] as const;
const HOURLY_COLUMNS = ['pool', 'hour_start', 'volume_usd', 'volume_24h_usd', 'fees_usd', 'fees_24h_usd', 'swaps', 'swaps_24h'] as const;

export interface PoolFacts {
  token0: string;
  token1: string;
  fee: number;
}

export const isoHour = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

/** The SQL of pool volume: swap facts in, hourly aggregates recomputed from them out. */
export class PoolVolumeRepository {
  constructor(private readonly pool: Pool) {}

  /** Tokens and fee tier of the pools, from "Pool" (lowercase addresses). */
  async pools(addresses: string[]): Promise<Map<string, PoolFacts>> {
    const { rows } = await this.pool.query(
      `SELECT address, lower(token0) AS token0, lower(token1) AS token1, fee FROM "Pool" WHERE address = ANY($1::text[])`,
      [addresses],
    );
    return new Map(rows.map((r) => [r.address, { token0: r.token0, token1: r.token1, fee: r.fee }]));
  }

  /**
   * In the runtime's one transaction (`db`): the batch's swap facts, then, per pool, the
   * hours they affect recomputed from every fact of the pool in their windows (facts of
   * earlier batches included, and this batch's, read back in the same transaction) — one
   * upsert per table.
   */
  async write(db: Queryable, facts: SwapVolumeRow[]): Promise<void> {
    if (facts.length === 0) return;
    await upsertRows(db, { table: 'swap_volume', columns: SWAP_COLUMNS, conflict: ['id'], update: 'all', rows: facts });
    const touched = new Map<string, Set<number>>();
    for (const f of facts) {
      if (!touched.has(f.pool)) touched.set(f.pool, new Set());
      touched.get(f.pool)!.add(Date.parse(f.hour_start) / 1000);
    }
    const hours = new Map([...touched].map(([pool, t]) => [pool, hoursAffectedBy(t)]));
    const stored = await this.facts(db, hours);
    const rows = [...hours].flatMap(([pool, h]) =>
      hourlyVolumes(stored.get(pool) ?? [], h).map((r) => ({
        pool,
        hour_start: isoHour(r.hourStart),
        volume_usd: formatUsd(r.volumeUsd),
        volume_24h_usd: formatUsd(r.volume24hUsd),
        fees_usd: formatUsd(r.feesUsd),
        fees_24h_usd: formatUsd(r.fees24hUsd),
        swaps: r.swaps,
        swaps_24h: r.swaps24h,
      })),
    );
    await upsertRows(db, { table: 'pool_volume_hourly', columns: HOURLY_COLUMNS, conflict: ['pool', 'hour_start'], update: 'all', rows });
  }

  /** Every swap fact of each pool in the window range of its hours, in one query (swap_volume_pool_hour). */
  private async facts(db: Queryable, hours: Map<string, number[]>): Promise<Map<string, SwapFact[]>> {
    const pools = [...hours.keys()];
    const ranges = pools.map((p) => factRange(hours.get(p)!));
    const { rows = [] } = await db.query(
      `SELECT s.pool, extract(epoch FROM s.hour_start)::bigint::text AS hour, s.volume_usd::text AS volume, s.fees_usd::text AS fees
         FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS k(pool, from_hour, to_hour)
         JOIN swap_volume s ON s.pool = k.pool AND s.hour_start BETWEEN k.from_hour AND k.to_hour`,
      [pools, ranges.map((r) => isoHour(r.fromHour)), ranges.map((r) => isoHour(r.toHour))],
    );
    const out = new Map<string, SwapFact[]>();
    for (const r of rows as { pool: string; hour: string; volume: string; fees: string }[]) {
      if (!out.has(r.pool)) out.set(r.pool, []);
      out.get(r.pool)!.push({ hourStart: Number(r.hour), volumeUsd: parseUsd(r.volume), feesUsd: parseUsd(r.fees) });
    }
    return out;
  }
}
