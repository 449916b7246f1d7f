/**
 * The indexer's durable progress: one `indexer_checkpoint` row per indexer (per DEX),
 * the last block whose logs are all written. It is written in the same transaction as
 * the window's rows, so a crash leaves either both or neither.
 */
import { upsertRows, type Queryable } from '@lib/db';

export interface CheckpointRow {
  name: string;
  last_block: number;
  updated_at: Date;
}

/** The checkpoint name of a DEX's indexer. */
export function dexCheckpointName(dex: string): string {
  return `dex:${dex}`;
}

interface Reader {
  query<R>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/** The last indexed block, or null when the indexer never finished a window. */
export async function readCheckpoint(db: Reader, name: string): Promise<number | null> {
  const { rows } = await db.query<{ last_block: string }>('SELECT last_block FROM indexer_checkpoint WHERE name = $1', [name]);
  return rows.length === 0 ? null : Number(rows[0].last_block);
}

export function writeCheckpoint(db: Queryable, name: string, lastBlock: number): Promise<number> {
  return upsertRows<CheckpointRow>(db, {
    table: 'indexer_checkpoint',
    columns: ['name', 'last_block', 'updated_at'],
    conflict: ['name'],
    update: ['last_block', 'updated_at'],
    rows: [{ name, last_block: lastBlock, updated_at: new Date() }],
  });
}

/** Forgets the progress (`--reset`): the next run starts at the DEX's first block. Rows stay; re-indexing rewrites them identically. */
export async function deleteCheckpoint(db: Queryable, name: string): Promise<void> {
  await db.query('DELETE FROM indexer_checkpoint WHERE name = $1', [name]);
}
