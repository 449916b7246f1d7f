import type { Pool } from 'pg';
import { tableChecksum } from '@lib/db';
import { COPY_TABLES, createCopyTableSql, type TransportKind } from './copy-table';
import { BenchProcess, type RssSampler } from './processes';
import { now } from './timing';

export interface TransformRun {
  round: number;
  recordsPerSec: number;
  seconds: number;
  secondsFromReady: number;
  startupSeconds: number;
  rows: number;
}

export interface TransportComparison {
  rounds: Record<TransportKind, TransformRun[]>;
  batchRecordsPerSec: number;
  stockRecordsPerSec: number;
  tablesIdentical: boolean;
}

/**
 * The same DB-only transform (tools/bench/copy-table.ts) of the pool-events topic on the
 * project's batch transport and on the stock NestJS Kafka transport: one process each,
 * one after the other, `rounds` times with the order alternating, each into an emptied
 * table from a fresh group. Both tables must end identical, or this throws.
 */
export async function compareTransports(o: {
  db: Pool;
  env: NodeJS.ProcessEnv;
  topic: string;
  dlqTopic: string;
  groupPrefix: string;
  expected: number;
  rounds: number;
  rss: RssSampler;
  processes: BenchProcess[];
  log: (line: string) => void;
}): Promise<TransportComparison> {
  for (const table of Object.values(COPY_TABLES)) await o.db.query(createCopyTableSql(table));
  const runs: Record<TransportKind, TransformRun[]> = { batch: [], stock: [] };
  for (let roundNo = 1; roundNo <= o.rounds; roundNo++) {
    // Alternating (batch, stock | stock, batch | ...) so neither always runs on a warmer machine.
    const order: TransportKind[] = roundNo % 2 === 1 ? ['batch', 'stock'] : ['stock', 'batch'];
    for (const kind of order) {
      await o.db.query(`TRUNCATE ${COPY_TABLES[kind]}`);
      const tStart = now();
      const flags = ['--topic', o.topic, '--dlq-topic', o.dlqTopic, '--group', `${o.groupPrefix}bench.${kind}.r${roundNo}`, '--expected', String(o.expected)];
      const p = BenchProcess.start(`${kind} transform`, `dist/tools/bench/${kind}-transform.js`, flags, o.env);
      o.processes.push(p);
      o.rss.watch(`${kind} transform`, p.pid);
      await p.waitFor(/BENCH_READY/);
      const tReady = now();
      o.log(`round ${roundNo}/${o.rounds}, ${kind} transform: consuming ${o.topic}`);
      const m = await p.waitFor(/BENCH_DONE (\{.*\})/, 1_800_000);
      const result = JSON.parse(m[1]) as { records: number; firstAt: number; doneAt: number };
      const seconds = (result.doneAt - result.firstAt) / 1000;
      await p.stop();
      const rows = Number((await o.db.query(`SELECT count(*)::bigint AS n FROM ${COPY_TABLES[kind]}`)).rows[0].n);
      if (rows !== o.expected) throw new Error(`${kind} transform wrote ${rows} rows, expected ${o.expected}`);
      runs[kind].push({
        round: roundNo,
        recordsPerSec: result.records / seconds,
        seconds,
        secondsFromReady: (result.doneAt - tReady) / 1000,
        startupSeconds: (tReady - tStart) / 1000,
        rows,
      });
    }
  }
  const tablesIdentical = (await tableChecksum(o.db, COPY_TABLES.batch)) === (await tableChecksum(o.db, COPY_TABLES.stock));
  if (!tablesIdentical) throw new Error('the batch and stock transforms wrote different tables');
  const mean = (xs: TransformRun[]) => xs.reduce((a, r) => a + r.recordsPerSec, 0) / xs.length;
  return { rounds: runs, batchRecordsPerSec: mean(runs.batch), stockRecordsPerSec: mean(runs.stock), tablesIdentical };
}
