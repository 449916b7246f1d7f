import type { Pool } from 'pg';
import { quoteIdent, tableChecksums } from '@lib/db';
import { stepResults } from '@lib/pipeline';

/** Checksums of the tables a step writes, by table. */
export function stepChecksums(db: Pool, step: string): Promise<Record<string, string>> {
  return tableChecksums(db, stepResults(step).tables);
}

export async function stepRowCount(db: Pool, step: string): Promise<number> {
  let n = 0;
  for (const t of stepResults(step).tables) n += Number((await db.query(`SELECT count(*)::bigint AS n FROM ${quoteIdent(t)}`)).rows[0].n);
  return n;
}

/**
 * Puts the database back as it was before the step ran, so a second run does the same
 * work as the first (an upsert of unchanged rows writes nothing and would flatter it):
 * its tables emptied, its dead letters deleted, and the source columns it fills reset
 * to what the indexer writes ('unknown' pool, NULL usdValue).
 */
export async function resetStepOutput(db: Pool, step: string): Promise<void> {
  await db.query(`TRUNCATE ${stepResults(step).tables.map(quoteIdent).join(', ')}`);
  await db.query('DELETE FROM dead_letter WHERE step = $1', [step]);
  if (step === 'pool-attribution') await db.query(`UPDATE "PositionEvent" SET pool = 'unknown' WHERE pool IS DISTINCT FROM 'unknown'`);
  if (step === 'fees-usd') await db.query(`UPDATE "PositionEvent" SET "usdValue" = NULL WHERE "eventType" = 'COLLECT' AND "usdValue" IS NOT NULL`);
}
