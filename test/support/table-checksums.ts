import type { Pool } from 'pg';

/** A table (or a parenthesised sub-select) and the ORDER BY that makes its rows' order stable. */
export type ChecksummedTable = readonly [table: string, orderBy: string];

/**
 * The result tables of each step, with their natural keys as the order. `"PositionEvent"`
 * is written by two steps (pool by step 1, usdValue of COLLECTs by fees-usd), so only
 * those columns are compared per step.
 */
export const STEP_RESULT_TABLES: Readonly<Record<string, readonly ChecksummedTable[]>> = {
  'pool-attribution': [
    ['(SELECT id, pool FROM "PositionEvent")', 'id'],
    ['position_registry', 'position_manager, token_id'],
    ['attributed_event', 'id'],
  ],
  'fees-usd': [
    ['collect_fee', 'id'],
    ['(SELECT id, "usdValue" FROM "PositionEvent")', 'id'],
  ],
  'range-status': [['position_range_status', 'id']],
  'impermanent-loss': [['position_impermanent_loss', 'id']],
  'unclaimed-fees': [['position_unclaimed_fees', 'id']],
  'position-snapshots': [['position_snapshot', 'position_manager, token_id, kind, snapshot_time, block_number, log_index']],
  'pool-volume': [
    ['swap_volume', 'id'],
    ['pool_volume_hourly', 'pool, hour_start'],
  ],
  apr: [['pool_apr_daily', 'pool, day']],
  'rflr-vesting': [['position_rflr_vesting', 'position_manager, token_id, as_of']],
  'position-health': [['position_health', 'position_manager, token_id, as_of']],
};

/**
 * What reached the dead-letter table, without what differs between two runs of the same
 * input (topic names carry the test's prefix; offsets of derived topics depend on timing).
 */
export const DEAD_LETTERS: ChecksummedTable = ['(SELECT step, error, record_key FROM dead_letter)', 'step, record_key, error'];

/** The result tables of `steps`, each once, plus the dead letters. */
export function resultTablesOf(steps: readonly string[]): ChecksummedTable[] {
  const tables = steps.flatMap((s) => {
    const t = STEP_RESULT_TABLES[s];
    if (!t) throw new Error(`no result tables are listed for step ${s}`);
    return t;
  });
  return [...tables, DEAD_LETTERS];
}

/** `rows:md5` of a table's rows in a stable order: equal checksums = identical tables. */
export async function tableChecksum(pool: Pool, [table, orderBy]: ChecksummedTable): Promise<string> {
  const { rows } = await pool.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY ${orderBy}), '')) AS h, count(*)::int AS n FROM ${table} t`);
  return `${rows[0].n}:${rows[0].h}`;
}

/**
 * Checksums by table name, to compare a run after a fault with a clean run of the same
 * input: `expect(await tableChecksums(pool, tables)).toEqual(clean)` names the table
 * that differs.
 */
export async function tableChecksums(pool: Pool, tables: readonly ChecksummedTable[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of tables) out[t[0]] = await tableChecksum(pool, t);
  return out;
}
