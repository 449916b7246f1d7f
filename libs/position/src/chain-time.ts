import type { Pool } from 'pg';

/**
 * The block of the source history at or before a chain time, from `block_time` (migration
 * 0015: one row per block the source tables mention, with the block's own timestamp — the
 * source rows' `timestamp` column is not the event's time in production).
 * - `ok`, `block`: the newest block with a time at or before it (0: none);
 * - not `ok`: a block of the source tables that `block_time` has no time for could be the
 *   answer, so there is none: `block` is the first such block, `reason` says what to do.
 */
export type BlockAtTime = { ok: true; block: number } | { ok: false; block: number; reason: string };

/** The reason every reader of `block_time` gives for a source block it has no time for. */
export function noBlockTimeReason(block: number): string {
  return `no block time for block ${block} (run the block-time fill)`;
}

/**
 * The statement of `blocksAtOrBefore` ($1: the times, bigint[]), exported for its plan test.
 * Both bounds of the gap probes are index conditions (no OR): in the usual case the range
 * between two known blocks is empty and each probe reads nothing.
 */
export const BLOCKS_AT_OR_BEFORE_SQL = `SELECT k.t::text AS t, b.block_number AS b,
       least((SELECT e."blockNumber" FROM "PoolEvent" e
               WHERE e."blockNumber" > coalesce(b.block_number, -1) AND e."blockNumber" < coalesce(n.block_number, 2147483647)
               ORDER BY e."blockNumber", e."logIndex" LIMIT 1),
             (SELECT e."blockNumber" FROM "PositionEvent" e
               WHERE e."blockNumber" > coalesce(b.block_number, -1) AND e."blockNumber" < coalesce(n.block_number, 2147483647)
               ORDER BY e."blockNumber", e."logIndex" LIMIT 1)) AS gap
  FROM unnest($1::bigint[]) AS k(t)
  LEFT JOIN LATERAL (SELECT block_number FROM block_time WHERE timestamp <= k.t ORDER BY timestamp DESC, block_number DESC LIMIT 1) b ON true
  LEFT JOIN LATERAL (SELECT block_number FROM block_time WHERE timestamp > k.t ORDER BY timestamp, block_number LIMIT 1) n ON true`;

/**
 * For each time (epoch seconds), the newest block with a time at or before it, in one query.
 * Block times never decrease along the chain, so that block is one step back on
 * `block_time (timestamp, block_number)`, and the next known block one step forward; a source
 * row ("PoolEvent", "PositionEvent", by their `("blockNumber", "logIndex")` indexes) strictly
 * between the two is a block without a time that could lie on either side: not known.
 */
export async function blocksAtOrBefore(db: Pool, times: readonly number[]): Promise<Map<number, BlockAtTime>> {
  const out = new Map<number, BlockAtTime>();
  const unique = [...new Set(times)];
  if (unique.length === 0) return out;
  const { rows } = await db.query<{ t: string; b: number | null; gap: number | null }>(BLOCKS_AT_OR_BEFORE_SQL, [unique]);
  for (const r of rows) {
    out.set(Number(r.t), r.gap !== null ? { ok: false, block: r.gap, reason: noBlockTimeReason(r.gap) } : { ok: true, block: r.b ?? 0 });
  }
  return out;
}

/** The chain time → block map of the source history, as an injectable repository (a shared step provider). */
export class ChainTimeRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * The newest block of the source history with a time at or before `asOf` (0: none): what
   * "as of a chain time" reads up to. From `block_time`, filled for every source block before
   * a run starts, so the answer does not depend on other steps' progress.
   */
  async lastBlockAtOrBefore(asOf: number): Promise<BlockAtTime> {
    return (await blocksAtOrBefore(this.pool, [asOf])).get(asOf)!;
  }
}
