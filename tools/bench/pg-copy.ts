import { pipeline } from 'node:stream/promises';
import type { Pool } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { quoteIdent } from '@lib/db';

export interface CopyMeasurement {
  table: string;
  rows: number;
  seconds: number;
}

/**
 * PostgreSQL's bulk path as the baseline of a sink: `COPY (SELECT * FROM t) TO STDOUT`
 * streamed straight into `COPY <clone> FROM STDIN`, the clone an empty
 * `CREATE TABLE … (LIKE t INCLUDING ALL)` (same columns, keys and indexes, so it pays
 * the same index upkeep). Timed from the first COPY to the end of the second; the clone
 * is dropped afterwards.
 */
export async function copyTableThrough(db: Pool, table: string): Promise<CopyMeasurement> {
  const clone = `bench_copy_of_${table}`;
  await db.query(`DROP TABLE IF EXISTS ${quoteIdent(clone)}`);
  await db.query(`CREATE TABLE ${quoteIdent(clone)} (LIKE ${quoteIdent(table)} INCLUDING ALL)`);
  const source = await db.connect();
  const target = await db.connect();
  try {
    const t0 = performance.now();
    await pipeline(source.query(copyTo(`COPY (SELECT * FROM ${quoteIdent(table)}) TO STDOUT`)), target.query(copyFrom(`COPY ${quoteIdent(clone)} FROM STDIN`)));
    const seconds = (performance.now() - t0) / 1000;
    const rows = Number((await db.query(`SELECT count(*)::bigint AS n FROM ${quoteIdent(clone)}`)).rows[0].n);
    const expected = Number((await db.query(`SELECT count(*)::bigint AS n FROM ${quoteIdent(table)}`)).rows[0].n);
    if (rows !== expected) throw new Error(`COPY of ${table} wrote ${rows} rows into its clone, expected ${expected}`);
    return { table, rows, seconds };
  } finally {
    source.release();
    target.release();
    await db.query(`DROP TABLE IF EXISTS ${quoteIdent(clone)}`);
  }
}

/** Every table of a step through COPY: total rows over total seconds. */
export async function copyTablesThrough(db: Pool, tables: readonly string[]): Promise<{ rows: number; seconds: number; tables: CopyMeasurement[] }> {
  const measured: CopyMeasurement[] = [];
  for (const t of tables) measured.push(await copyTableThrough(db, t));
  return { rows: measured.reduce((n, m) => n + m.rows, 0), seconds: measured.reduce((s, m) => s + m.seconds, 0), tables: measured };
}
