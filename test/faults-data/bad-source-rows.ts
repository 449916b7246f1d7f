import type { Pool } from 'pg';
import { upsertRows } from '@lib/db';
import { STEPS } from '@lib/pipeline';

/** A bad row added to a source table, the reason the DLQ must give, and the steps that must reject it. */
export interface BadRow {
  table: 'PositionEvent' | 'PoolEvent';
  id: string;
  reason: RegExp;
  steps: string[];
}

const positionSteps = STEPS.filter((s) => s.input === 'positionEvents').map((s) => s.name);
const poolSteps = STEPS.filter((s) => s.input === 'poolEvents').map((s) => s.name);

/** A source row as pg returns it: the columns the copies read typed, the others passed through as they are. */
type SourceRow = Record<string, unknown> & { txHash: string; metadata: Record<string, unknown> | null };

async function one(db: Pool, sql: string): Promise<SourceRow> {
  const { rows } = await db.query<SourceRow>(sql);
  if (!rows[0]) throw new Error(`the test chain has no row for: ${sql}`);
  return rows[0];
}

/**
 * Adds rows as real data has them to the indexed source tables: copies of real rows (same
 * block and time, a log index no log has) with null amounts, a null liquidity, amounts that
 * are no integers, an empty event name, and 'unknown' pools the chain cannot resolve (a
 * transaction the chain does not have, a token id the manager never minted, a "manager"
 * that is no contract). None can change a good row's result: the steps that read the source
 * tables themselves (prices, pool balances) pass over rows without integer amounts or prices.
 */
export async function insertBadSourceRows(db: Pool): Promise<BadRow[]> {
  const collect = await one(
    db,
    `SELECT * FROM "PositionEvent" WHERE "eventType" = 'COLLECT' AND metadata IS NOT NULL ORDER BY "blockNumber", "logIndex" LIMIT 1`,
  );
  const increase = await one(
    db,
    `SELECT * FROM "PositionEvent" WHERE "eventType" IN ('MINT', 'INCREASE') ORDER BY "blockNumber" DESC, "logIndex" DESC LIMIT 1`,
  );
  const swap = await one(db, `SELECT * FROM "PoolEvent" WHERE "eventName" = 'Swap' ORDER BY "blockNumber", "logIndex" LIMIT 1`);
  const mint = await one(db, `SELECT * FROM "PoolEvent" WHERE "eventName" = 'Mint' ORDER BY "blockNumber" DESC, "logIndex" DESC LIMIT 1`);
  const poolCollect = await one(db, `SELECT * FROM "PoolEvent" WHERE "eventName" = 'Collect' ORDER BY "blockNumber", "logIndex" LIMIT 1`);

  let n = 0;
  const positionRows: Record<string, unknown>[] = [];
  const poolRows: Record<string, unknown>[] = [];
  const bad: BadRow[] = [];
  const copy = (table: BadRow['table'], row: SourceRow, changes: Record<string, unknown>, reason: RegExp) => {
    const logIndex = 90_000 + n++;
    const txHash = (changes.txHash as string | undefined) ?? row.txHash;
    const out = { ...row, ...changes, txHash, logIndex, id: `${txHash}:${logIndex}` };
    (table === 'PositionEvent' ? positionRows : poolRows).push(out);
    bad.push({ table, id: out.id, reason: new RegExp(`${table} ${out.id}: ${reason.source}`), steps: table === 'PositionEvent' ? positionSteps : poolSteps });
  };

  copy('PositionEvent', collect, { amount0: null }, /amount0 missing, which every COLLECT has/);
  copy('PositionEvent', increase, { liquidityDelta: null }, /liquidityDelta missing/);
  copy(
    'PositionEvent',
    collect,
    { pool: 'unknown', metadata: null, txHash: '0x' + 'ba5e'.repeat(16) },
    /cannot attribute: transaction 0x(ba5e){16} is not on the chain/,
  );
  copy('PositionEvent', collect, { pool: 'unknown', tokenId: '987654321' }, /cannot attribute: .*987654321 is not in positions\(\)/);
  copy(
    'PositionEvent',
    collect,
    { pool: 'unknown', metadata: { ...collect.metadata, positionManager: '0x000000000000000000000000000000000000dead' } },
    /cannot attribute: .*is not in positions\(\)/,
  );
  // Without a price (sqrtPriceX96, tick), so prices as of later events stay those of the real swaps.
  copy('PoolEvent', swap, { amount0: null, sqrtPriceX96: null, tick: null }, /amount0, sqrtPriceX96, tick missing, which every Swap has/);
  copy('PoolEvent', mint, { amount1: '12abc' }, /amount1 "12abc" is not an integer/);
  // "eventName" is NOT NULL in production: an empty name is the missing one a row can have.
  copy('PoolEvent', poolCollect, { eventName: '' }, /eventName is missing/);

  const columns = (rows: Record<string, unknown>[]) => Object.keys(rows[0]);
  await upsertRows(db, { table: 'PositionEvent', columns: columns(positionRows), conflict: ['id'], update: 'nothing', rows: positionRows });
  await upsertRows(db, { table: 'PoolEvent', columns: columns(poolRows), conflict: ['id'], update: 'nothing', rows: poolRows });
  return bad;
}

/** Removes the rows again, so the tables compare with a clean run's. */
export async function deleteBadSourceRows(db: Pool, rows: BadRow[]): Promise<void> {
  for (const table of ['PositionEvent', 'PoolEvent'] as const) {
    await db.query(`DELETE FROM "${table}" WHERE id = ANY($1::text[])`, [rows.filter((r) => r.table === table).map((r) => r.id)]);
  }
}
