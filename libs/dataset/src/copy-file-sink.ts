import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { copyTextLine } from './copy-text';
import { DATASET_TABLES, type DatasetSink, type DatasetTableName } from './dataset-tables';

/** A table file of a dataset: COPY text, its row count, size and SHA-256. */
export interface TableFile {
  name: DatasetTableName;
  file: string;
  rows: number;
  bytes: number;
  sha256: string;
}

const FLUSH_BYTES = 1 << 20;

interface OpenTable {
  name: DatasetTableName;
  file: string;
  columns: readonly string[];
  fd: number;
  hash: Hash;
  buffer: string[];
  buffered: number;
  rows: number;
  bytes: number;
}

/** Writes each table's rows to `<dir>/<table file>` in COPY text format, hashing as it goes. */
export class CopyFileSink implements DatasetSink {
  private readonly tables = new Map<DatasetTableName, OpenTable>();

  constructor(dir: string) {
    for (const t of DATASET_TABLES) {
      this.tables.set(t.name, {
        name: t.name,
        file: t.file,
        columns: t.columns,
        fd: openSync(join(dir, t.file), 'w'),
        hash: createHash('sha256'),
        buffer: [],
        buffered: 0,
        rows: 0,
        bytes: 0,
      });
    }
  }

  write(table: DatasetTableName, row: object): void {
    const t = this.tables.get(table)!;
    const line = copyTextLine(row, t.columns);
    t.buffer.push(line);
    t.buffered += line.length;
    t.rows++;
    if (t.buffered >= FLUSH_BYTES) this.flush(t);
  }

  /** Flushes and closes every file; the tables in load order. */
  close(): TableFile[] {
    return [...this.tables.values()].map((t) => {
      this.flush(t);
      closeSync(t.fd);
      return { name: t.name, file: t.file, rows: t.rows, bytes: t.bytes, sha256: t.hash.digest('hex') };
    });
  }

  private flush(t: OpenTable): void {
    if (t.buffer.length === 0) return;
    const chunk = Buffer.from(t.buffer.join(''), 'utf8');
    t.hash.update(chunk);
    let written = 0;
    while (written < chunk.length) written += writeSync(t.fd, chunk, written);
    t.bytes += chunk.length;
    t.buffer = [];
    t.buffered = 0;
  }
}

/** The dataset's checksum: SHA-256 over each table's name, rows and SHA-256, in load order. */
export function datasetChecksum(tables: readonly Pick<TableFile, 'name' | 'rows' | 'sha256'>[]): string {
  const hash = createHash('sha256');
  for (const t of tables) hash.update(`${t.name}\t${t.rows}\t${t.sha256}\n`);
  return hash.digest('hex');
}
