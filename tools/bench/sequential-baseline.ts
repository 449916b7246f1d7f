import { isDeepStrictEqual } from 'node:util';
import type { Pool } from 'pg';
import { BenchProcess, type RssSampler } from './processes';
import { resetStepOutput, stepChecksums } from './step-tables';

export interface SequentialMeasurement {
  step: string;
  records: number;
  rejected: number;
  pages: number;
  pageSize: number;
  seconds: number;
  eventsPerSec: number;
  checksums: Record<string, string>;
}

/**
 * The sequential pool-volume (tools/bench/sequential-pool-volume.ts) on the same data
 * the streaming step just processed: the step's tables are emptied, the loop runs in its
 * own process (timed by itself from its first page read to its last write), and its
 * tables must then equal the streaming step's (`streamed`), or this throws.
 */
export async function measureSequentialPoolVolume(o: {
  db: Pool;
  env: NodeJS.ProcessEnv;
  pageSize: number;
  streamed: Record<string, string>;
  rss: RssSampler;
  processes: BenchProcess[];
}): Promise<SequentialMeasurement> {
  const step = 'pool-volume';
  await resetStepOutput(o.db, step);
  const p = BenchProcess.start(`sequential ${step}`, 'dist/tools/bench/sequential-pool-volume.js', ['--page-size', String(o.pageSize)], o.env);
  o.processes.push(p);
  o.rss.watch(`sequential ${step}`, p.pid);
  let result: { records: number; rejected: number; pages: number; pageSize: number; firstAt: number; doneAt: number };
  try {
    await p.waitFor(/BENCH_READY/);
    result = JSON.parse((await p.waitFor(/BENCH_DONE (\{.*\})/, 1_800_000))[1]);
  } finally {
    await p.stop();
  }
  const checksums = await stepChecksums(o.db, step);
  if (!isDeepStrictEqual(checksums, o.streamed)) {
    throw new Error(`the sequential ${step} wrote other tables than the streaming step: ${JSON.stringify(checksums)} vs. ${JSON.stringify(o.streamed)}`);
  }
  const seconds = (result.doneAt - result.firstAt) / 1000;
  return {
    step,
    records: result.records,
    rejected: result.rejected,
    pages: result.pages,
    pageSize: result.pageSize,
    seconds,
    eventsPerSec: result.records / seconds,
    checksums,
  };
}
