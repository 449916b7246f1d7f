import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Admin } from 'kafkajs';
import type { Pool } from 'pg';
import { topicNames } from '@lib/kafka';
import { freePort } from '@lib/local-chain';
import { findStep, groupIdOf } from '@lib/pipeline';
import { groupLag } from './kafka-admin';
import { BenchProcess, type RssSampler } from './processes';
import { resetStepOutput, stepChecksums } from './step-tables';
import { now, poll } from './timing';
import { postStart } from './admin-api';

export interface EndToEndMeasurement {
  steps: string[];
  /** From `POST start` until the replay is done and every step's group has lag 0. */
  seconds: number;
  sourceRows: number;
  /** Seconds after `POST start` at which each step was first seen done (its lag 0 after its input was complete). */
  stepDoneAfterSeconds: Record<string, number>;
  /** Steps whose tables differ from those of their run alone (should be none). */
  tablesDiffering: string[];
  processNames: string[];
}

/**
 * The whole pipeline as a user runs it: every step's output reset, one instance of each
 * step started and ready, then the admin app's `POST start` on fresh topics (a new name
 * prefix), timed until the replay is 'replayed', step 1 has lag 0 (so the attributed topic
 * is complete) and then every other step has lag 0 — a step commits only after its
 * writes, so lag 0 means its writes are done.
 */
export async function measureEndToEnd(o: {
  db: Pool;
  kadmin: Admin;
  prefix: string;
  env: NodeJS.ProcessEnv;
  steps: string[];
  sourceRows: number;
  expectedChecksums: ReadonlyMap<string, Record<string, string>>;
  /** Resets a step's output before the run (default: `resetStepOutput`). */
  reset?: (step: string) => Promise<void>;
  rss: RssSampler;
  processes: BenchProcess[];
  log: (line: string) => void;
}): Promise<EndToEndMeasurement> {
  const topics = topicNames(o.prefix);
  const env = { ...o.env, LP_NAME_PREFIX: o.prefix };
  for (const step of o.steps) await (o.reset ?? ((s) => resetStepOutput(o.db, s)))(step);
  const services: BenchProcess[] = [];
  const token = `bench-${randomBytes(6).toString('hex')}`;
  const port = await freePort();
  try {
    for (const step of o.steps) {
      const name = `step ${step} (end-to-end)`;
      const p = BenchProcess.start(name, 'dist/apps/enricher/src/main.js', ['--step', step], { ...env, METRICS_PORT: String(await freePort()) });
      o.processes.push(p);
      o.rss.watch(name, p.pid);
      services.push(p);
    }
    const admin = BenchProcess.start('admin (end-to-end)', 'dist/apps/admin/src/main.js', [], { ...env, ADMIN_TOKEN: token, ADMIN_PORT: String(port) });
    o.processes.push(admin);
    o.rss.watch('admin (end-to-end)', admin.pid);
    services.push(admin);
    await Promise.all([...services.slice(0, -1).map((p) => p.waitFor(/"instance"/, 600_000)), admin.waitFor(/listening on/, 600_000)]);
    o.log(`end-to-end: ${o.steps.length} steps ready, POST start`);
    const t0 = now();
    await postStart(port, token);
    const done = new Map<string, number>();
    const lagOf = (step: string) => groupLag(o.kadmin, groupIdOf(findStep(step), o.prefix), topics[findStep(step).input]);
    const finished = () => done.size === o.steps.length;
    const died = () => services.find((p) => !p.running);
    await poll(
      async () => {
        const { rows } = await o.db.query(`SELECT state FROM replay_run ORDER BY started_at DESC LIMIT 1`);
        if (rows[0]?.state !== 'replayed') return;
        // Step 1 first: only once it is done is the attributed topic complete.
        for (const step of o.steps) {
          const inputComplete = step === 'pool-attribution' || done.has('pool-attribution') || !o.steps.includes('pool-attribution');
          if (!done.has(step) && inputComplete && (await lagOf(step)) === 0) done.set(step, (now() - t0) / 1000);
        }
      },
      () => finished() || died() !== undefined,
      'every step at lag 0',
      3_600_000,
      250,
    );
    const dead = died();
    if (dead && !finished()) throw new Error(`${dead.name} exited:\n${dead.tail()}`);
    const seconds = (now() - t0) / 1000;
    const tablesDiffering: string[] = [];
    for (const step of o.steps) {
      const expected = o.expectedChecksums.get(step);
      if (expected && !isDeepStrictEqual(await stepChecksums(o.db, step), expected)) tablesDiffering.push(step);
    }
    return {
      steps: o.steps,
      seconds,
      sourceRows: o.sourceRows,
      stepDoneAfterSeconds: Object.fromEntries(done),
      tablesDiffering,
      processNames: services.map((p) => p.name),
    };
  } finally {
    await Promise.all(services.map((p) => p.stop()));
  }
}
