/**
 * The bench's DB-only transform: copy each "PoolEvent" record into a bench table keyed
 * by id, with derived columns (the UTC day of the event, the event kind in lower case,
 * and whether amount0 flowed into the pool). Pure database write, no RPC. The same row
 * shape is written by both transports, so their tables must end identical.
 */
import { parseArgs } from 'node:util';
import type { PoolEventRecord } from '@lib/kafka';

export const COPY_TABLES = { batch: 'bench_pool_event_copy_batch', stock: 'bench_pool_event_copy_stock' } as const;
export type TransportKind = keyof typeof COPY_TABLES;

export interface CopyRow {
  id: string;
  pool: string;
  block_number: number;
  log_index: number;
  event_kind: string;
  event_day: string;
  amount0: string | null;
  amount1: string | null;
  amount0_in: boolean | null;
  tick: number | null;
}

export const COPY_COLUMNS: readonly (keyof CopyRow & string)[] = [
  'id',
  'pool',
  'block_number',
  'log_index',
  'event_kind',
  'event_day',
  'amount0',
  'amount1',
  'amount0_in',
  'tick',
];

export function createCopyTableSql(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
    id text PRIMARY KEY,
    pool text NOT NULL,
    block_number bigint NOT NULL,
    log_index int NOT NULL,
    event_kind text NOT NULL,
    event_day date NOT NULL,
    amount0 numeric,
    amount1 numeric,
    amount0_in boolean,
    tick int
  )`;
}

export function toCopyRow(r: PoolEventRecord): CopyRow {
  return {
    id: r.id,
    pool: r.pool,
    block_number: Number(r.blockNumber),
    log_index: r.logIndex,
    event_kind: r.eventName.toLowerCase(),
    event_day: new Date(Number(r.timestamp) * 1000).toISOString().slice(0, 10),
    amount0: r.amount0,
    amount1: r.amount1,
    amount0_in: r.amount0 === null ? null : !r.amount0.startsWith('-') && r.amount0 !== '0',
    tick: r.tick,
  };
}

/** The one-row statement of the stock transport: the same upsert as the batch's, for one row. */
export function singleRowUpsertSql(table: string): string {
  const cols = COPY_COLUMNS.map((c) => `"${c}"`).join(', ');
  const params = COPY_COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
  const nonKey = COPY_COLUMNS.filter((c) => c !== 'id');
  const set = nonKey.map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ');
  const cur = nonKey.map((c) => `target."${c}"`).join(', ');
  const inc = nonKey.map((c) => `EXCLUDED."${c}"`).join(', ');
  return `INSERT INTO ${table} AS target (${cols}) VALUES (${params}) ON CONFLICT ("id") DO UPDATE SET ${set} WHERE (${cur}) IS DISTINCT FROM (${inc})`;
}

export function copyRowValues(row: CopyRow): unknown[] {
  return COPY_COLUMNS.map((c) => row[c]);
}

/**
 * What a transform process tracks and prints once it has written `expected` records:
 * one JSON line starting with BENCH_DONE, read by tools/bench.ts.
 */
export class Progress {
  written = 0;
  firstAt?: number;
  private reported = false;

  constructor(
    readonly transport: TransportKind,
    readonly expected: number,
  ) {}

  started(): void {
    this.firstAt ??= performance.timeOrigin + performance.now();
  }

  add(n: number): void {
    this.written += n;
    if (!this.reported && this.written >= this.expected) {
      this.reported = true;
      const doneAt = performance.timeOrigin + performance.now();
      console.log(`BENCH_DONE ${JSON.stringify({ transport: this.transport, records: this.written, firstAt: this.firstAt, doneAt })}`);
    }
  }
}

/**
 * The flags tools/bench.ts starts a transform process with (its settings are flags, not
 * environment variables): --topic, --dlq-topic, --group, --expected.
 */
export function transformFlags(argv: string[] = process.argv.slice(2)): { topic: string; dlqTopic: string; group: string; expected: number } {
  const { values } = parseArgs({
    args: argv,
    options: { topic: { type: 'string' }, 'dlq-topic': { type: 'string' }, group: { type: 'string' }, expected: { type: 'string' } },
  });
  const missing = (['topic', 'dlq-topic', 'group', 'expected'] as const).filter((k) => !values[k]);
  if (missing.length > 0) throw new Error(`--${missing.join(', --')} not given (this process is started by tools/bench.ts)`);
  const expected = Number(values.expected);
  if (!Number.isInteger(expected) || expected < 0) throw new Error(`--expected must be a count, got "${values.expected}"`);
  return { topic: values.topic!, dlqTopic: values['dlq-topic']!, group: values.group!, expected };
}
