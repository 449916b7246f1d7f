import { importRewardInputs, manifestRewardInputs, type ChainManifest } from '@lib/indexer';
import { createKafka, topicNames } from '@lib/kafka';
import { loadConfig } from '@lib/config';
import { tableChecksums, type ChecksumTarget } from '@lib/db';
import { stepOutputs } from '@lib/pipeline';
import { PipelineFixture, type BackfillStatus } from './pipeline-fixture';
import type { ServiceProcess } from './service-process';
import { waitFor } from './wait-for';

/** A run in progress, handed to the fault: its fixture and the instances of each step. */
export interface RunningPipeline {
  f: PipelineFixture;
  instances: Map<string, ServiceProcess[]>;
}

export interface PipelineRunOptions {
  steps: readonly string[];
  /** Changes the indexed source rows before the admin app starts (e.g. adds bad rows). */
  prepare?: (f: PipelineFixture) => Promise<void>;
  /** Injects the fault; called once the backfill is started. Omit for the clean run. */
  fault?: (run: RunningPipeline) => Promise<void>;
  /** The faulted run's replay rate cap (rows/s); 30 gives about 30 s of replay for the shared chain. */
  replayRowsPerSec?: number;
  /** How long the run may take to complete after the fault. */
  completeWithinMs?: number;
}

export interface PipelineRunResult {
  /** Checksums of the steps' result tables and the dead letters, by table. */
  tables: Record<string, string>;
  /** Records in the run's dead-letter topic. */
  dlqRecords: number;
  /** The status API at completion. */
  status: BackfillStatus;
}

/**
 * What reached the dead-letter table, without what differs between two runs of the same
 * input (topic names carry the test's prefix; offsets of derived topics depend on timing).
 */
const DEAD_LETTERS: ChecksumTarget = { table: 'dead_letter', columns: ['step', 'error', 'record_key'] };

/**
 * One backfill of the shared chain through `steps`, each step one instance, to completion,
 * on a pipeline of its own (database, topics, groups). A faulted run replays slowly (small
 * pages, a row-rate cap) so the fault lands while the replay and the steps are working;
 * the clean run is not throttled. Results are compared by `tables`.
 */
export async function runPipeline(opts: PipelineRunOptions): Promise<PipelineRunResult> {
  const f = await PipelineFixture.create();
  try {
    if (opts.fault) f.extraEnv = { REPLAY_PAGE_SIZE: '10', REPLAY_MAX_ROWS_PER_SEC: String(opts.replayRowsPerSec ?? 30) };
    await importRewardInputs(f.db.pool, manifestRewardInputs(f.chain.manifest as unknown as ChainManifest));
    await opts.prepare?.(f);
    await f.startAdmin();
    // Started together: most of a service's start-up is waiting on the broker and the registry.
    const started = await Promise.all(opts.steps.map((step) => f.startStep(step)));
    const instances = new Map(opts.steps.map((step, i): [string, ServiceProcess[]] => [step, [started[i]]]));
    const start = await f.post({ action: 'start', steps: opts.steps });
    if (start.status !== 201 && start.status !== 200) throw new Error(`start refused: ${start.status} ${JSON.stringify(start.body)}`);
    await opts.fault?.({ f, instances });
    const status = await f.waitForState('completed', opts.completeWithinMs ?? 150_000);
    return { tables: await tableChecksums(f.db.pool, [...opts.steps.flatMap(stepOutputs), DEAD_LETTERS]), dlqRecords: await dlqRecords(f.prefix), status };
  } catch (err) {
    for (const s of [f.admin, ...f.services]) if (s) console.error(`--- ${s.name} (${s.running ? 'running' : 'exited'}) ---\n${s.tail(25)}`);
    throw err;
  } finally {
    await f.close();
  }
}

/**
 * Brings the run to a point where a fault hits both the replay and the steps: a tenth of
 * the rows produced, the replay held (pause) until every step in `steps` has committed
 * some input, then released (resume). Holding it makes the point independent of how
 * fast the processes start on a loaded machine; most of the replay is still to come.
 */
export async function waitForMidRun(f: PipelineFixture, steps: readonly string[]): Promise<void> {
  await waitFor(
    () => f.status(),
    (s) => s.replay.rowsProduced >= 0.1 * s.replay.rowsTotal,
    'a tenth of the rows replayed',
    120_000,
    250,
  );
  await expectAction(f, 'pause');
  await waitFor(
    () => f.status(),
    (s) => steps.every((n) => (s.steps.find((x) => x.name === n)?.committed ?? 0) > 0),
    `${steps.join(', ')} consuming`,
    120_000,
    250,
  );
  await expectAction(f, 'resume');
}

async function expectAction(f: PipelineFixture, action: string): Promise<void> {
  const res = await f.post({ action });
  if (res.status >= 300) throw new Error(`${action} refused: ${res.status} ${JSON.stringify(res.body)}`);
}

async function dlqRecords(prefix: string): Promise<number> {
  const admin = createKafka(loadConfig()).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topicNames(prefix).deadLetters);
    return offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}
