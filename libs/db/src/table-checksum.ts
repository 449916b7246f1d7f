/**
 * THE table checksum of the project: two runs of the same input (a clean run and a run
 * under a fault, a streaming step and its sequential baseline) must leave identical
 * tables, and comparing checksums says so without reading the rows back.
 */
import type { Pool, PoolClient } from 'pg';
import { quoteIdent } from './quote-identifier';

/**
 * A whole table by name (as spelled in the database, e.g. `PositionEvent`), or only some
 * of its columns: those a step fills in a table that others write too, or without the
 * columns that differ between runs of the same input (serial ids, timestamps, topic names).
 */
export type ChecksumTarget = string | { readonly table: string; readonly columns: readonly string[] };

/** How a target is named in `tableChecksums`: `table`, or `table(col, col)`. */
export function checksumTargetName(target: ChecksumTarget): string {
  return typeof target === 'string' ? target : `${target.table}(${target.columns.join(', ')})`;
}

/** The checksum's query: one row, `n` (rows) and `h` (the sum), over a table or a sub-select. */
export function tableChecksumSql(target: ChecksumTarget): string {
  const from = typeof target === 'string' ? quoteIdent(target) : `(SELECT ${target.columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(target.table)})`;
  // The sum of each row's hash is the same in any row order and builds no table-sized
  // string, so it also works on millions of rows. numeric: a sum of bigints cannot overflow.
  return `SELECT count(*)::bigint AS n, coalesce(sum(('x' || substr(md5(t::text), 1, 16))::bit(64)::bigint::numeric), 0)::text AS h FROM ${from} t`;
}

/**
 * `rows:sum` of a table: the sum of the first 64 bits of each row's md5. It does not
 * depend on the rows' physical (insertion) order; equal checksums = identical tables, as
 * multisets of rows (up to a hash collision).
 */
export async function tableChecksum(db: Pool | PoolClient, target: ChecksumTarget): Promise<string> {
  const { rows } = await db.query<{ n: string; h: string }>(tableChecksumSql(target));
  return `${rows[0].n}:${rows[0].h}`;
}

/**
 * Checksums by target name, to compare two runs of the same input:
 * `expect(await tableChecksums(pool, targets)).toEqual(clean)` names the table that differs.
 */
export async function tableChecksums(db: Pool | PoolClient, targets: readonly ChecksumTarget[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of targets) out[checksumTargetName(t)] = await tableChecksum(db, t);
  return out;
}
