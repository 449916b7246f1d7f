import type { Pool } from 'pg';
import { quoteIdent } from '@lib/db';
import { STEP_TABLES } from '../../apps/admin/src/backfill/enriched-counts.service';

/** The result tables a step writes (the admin app's list, docs/steps.md). */
export function stepTables(step: string): readonly string[] {
  const tables = STEP_TABLES[step];
  if (!tables) throw new Error(`no result tables are listed for step ${step}`);
  return tables;
}

/**
 * `rows:sum` of a table: the sum of the first 64 bits of each row's md5 (as numeric, so it
 * cannot overflow). Order does not matter and no table-sized string is built, so it also
 * works on millions of rows; equal checksums = identical tables (up to a hash collision).
 */
export async function tableChecksum(db: Pool, table: string): Promise<string> {
  const { rows } = await db.query(
    `SELECT count(*)::bigint AS n, coalesce(sum(('x' || substr(md5(t::text), 1, 16))::bit(64)::bigint::numeric), 0)::text AS h FROM ${quoteIdent(table)} t`,
  );
  return `${rows[0].n}:${rows[0].h}`;
}

export async function stepChecksums(db: Pool, step: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of stepTables(step)) out[t] = await tableChecksum(db, t);
  return out;
}

export async function stepRowCount(db: Pool, step: string): Promise<number> {
  let n = 0;
  for (const t of stepTables(step)) n += Number((await db.query(`SELECT count(*)::bigint AS n FROM ${quoteIdent(t)}`)).rows[0].n);
  return n;
}

/**
 * Puts the database back as it was before the step ran, so a second run does the same
 * work as the first (an upsert of unchanged rows writes nothing and would flatter it):
 * its tables emptied, its dead letters deleted, and the source columns it fills reset
 * to what the indexer writes ('unknown' pool, NULL usdValue).
 */
export async function resetStepOutput(db: Pool, step: string): Promise<void> {
  await db.query(`TRUNCATE ${stepTables(step).map(quoteIdent).join(', ')}`);
  await db.query('DELETE FROM dead_letter WHERE step = $1', [step]);
  if (step === 'pool-attribution') await db.query(`UPDATE "PositionEvent" SET pool = 'unknown' WHERE pool IS DISTINCT FROM 'unknown'`);
  if (step === 'fees-usd') await db.query(`UPDATE "PositionEvent" SET "usdValue" = NULL WHERE "eventType" = 'COLLECT' AND "usdValue" IS NOT NULL`);
}
