import { importRewardInputs, manifestRewardInputs, type ChainManifest } from '@lib/indexer';
import { tableChecksums, type ChecksumTarget } from '@lib/db';
import { stepOutputs } from '@lib/pipeline';
import { PipelineFixture, stepStatus } from '../support/pipeline-fixture';
import { RpcFaultProxy, type RpcFaultProxyOptions } from '../support/rpc-fault-proxy';
import { waitFor } from '../support/wait-for';

/** The steps that read the chain at past blocks. */
const STEPS = ['pool-attribution', 'unclaimed-fees', 'position-snapshots'] as const;
const DEAD_LETTERS: ChecksumTarget = { table: 'dead_letter', columns: ['step', 'error', 'record_key'] };

/** Each step reads the chain through its own proxy (or directly), so faults are counted per step. */
type Proxies = Partial<Record<(typeof STEPS)[number], Omit<RpcFaultProxyOptions, 'upstream'>>>;

async function startRun(
  proxies: Proxies,
  steps: readonly (typeof STEPS)[number][] = STEPS,
): Promise<{ f: PipelineFixture; started: Map<string, RpcFaultProxy> }> {
  const f = await PipelineFixture.create();
  const started = new Map<string, RpcFaultProxy>();
  try {
    await importRewardInputs(f.db.pool, manifestRewardInputs(f.chain.manifest as unknown as ChainManifest));
    await f.startAdmin();
    const base = { ...f.extraEnv };
    for (const step of steps) {
      const options = proxies[step];
      if (options) started.set(step, await RpcFaultProxy.start({ ...options, upstream: f.chain.rpcUrl }));
      f.extraEnv = { ...base, ...(options ? { FLARE_RPC_URL: started.get(step)!.url } : {}) };
      await f.startStep(step);
    }
    f.extraEnv = base;
    const start = await f.post({ action: 'start', steps });
    if (start.status !== 200 && start.status !== 201) throw new Error(`start refused: ${start.status} ${JSON.stringify(start.body)}`);
    return { f, started };
  } catch (err) {
    await f.close();
    for (const p of started.values()) await p.close();
    throw err;
  }
}

async function finish(f: PipelineFixture, started: Map<string, RpcFaultProxy>): Promise<void> {
  await f.close();
  for (const p of started.values()) await p.close();
}

/**
 * RPC faults under the steps that read the chain (issue 14 items 2 and 5): a node that
 * fails now and then (−32603, header not found, 429, held requests) changes no result
 * and dead-letters nothing; a node without the old state (not an archive node) stops the
 * step, says so in the status, and dead-letters nothing either.
 */
describe('RPC faults under the chain-reading steps', () => {
  it('−32603, header not found, 429 and timeouts: every table equals a clean run, no dead letters beyond the clean run', async () => {
    const clean = await startRun({});
    let cleanTables: Record<string, string>;
    try {
      await clean.f.waitForState('completed', 300_000);
      cleanTables = await tableChecksums(clean.f.db.pool, [...STEPS.flatMap(stepOutputs), DEAD_LETTERS]);
    } finally {
      await finish(clean.f, clean.started);
    }

    const faults = (seed: number): Omit<RpcFaultProxyOptions, 'upstream'> => ({
      seed,
      rate: 0.05,
      kinds: ['internal-error', 'header-not-found', 'rate-limit', 'timeout'],
      // Longer than viem's own 3 retries: each fault reaches the step, whose runtime retries it.
      burst: 5,
      holdMs: 1_000,
    });
    const faulted = await startRun({ 'pool-attribution': faults(1), 'unclaimed-fees': faults(2), 'position-snapshots': faults(3) });
    try {
      const done = await faulted.f.waitForState('completed', 420_000);
      for (const [step, proxy] of faulted.started) console.log(`${step}: ${proxy.report()}`);
      for (const step of STEPS) {
        const injected = faulted.started.get(step)!.injectedTotal;
        // A burst of 5 outlasts viem's 4 attempts: each is at least one failure the step's runtime retried.
        expect({ step, hitSeveralTimes: injected >= 3 * 5 }).toEqual({ step, hitSeveralTimes: true });
        expect(stepStatus(done, step)).toMatchObject({ state: 'complete', lag: 0 });
      }
      const tables = await tableChecksums(faulted.f.db.pool, [...STEPS.flatMap(stepOutputs), DEAD_LETTERS]);
      expect(tables).toEqual(cleanTables);
    } finally {
      await finish(faulted.f, faulted.started);
    }
  }, 900_000);

  it('a node without the old state: unclaimed-fees shows "archive RPC required for …" as its lastError, does not spin, and dead-letters nothing', async () => {
    const { f, started } = await startRun({ 'unclaimed-fees': { pruneHistoricalState: true } }, ['pool-attribution', 'unclaimed-fees']);
    try {
      const stuck = await waitFor(
        () => f.status(),
        (s) => /archive RPC required for positions\(\d+\) of 0x[0-9a-f]{40} at block \d+/.test(stepStatus(s, 'unclaimed-fees').lastError ?? ''),
        'unclaimed-fees to report that it needs an archive RPC',
        240_000,
        500,
      );
      console.log(`unclaimed-fees lastError: ${stepStatus(stuck, 'unclaimed-fees').lastError}`);
      // pool-attribution reads the node directly and finishes; unclaimed-fees keeps its records.
      await waitFor(
        () => f.status(),
        (s) => stepStatus(s, 'pool-attribution').state === 'complete',
        'pool-attribution complete',
        240_000,
        500,
      );
      const before = started.get('unclaimed-fees')!.counts.injected['pruned-state'];
      await new Promise((resolve) => setTimeout(resolve, 20_000));
      const after = started.get('unclaimed-fees')!.counts.injected['pruned-state'];
      const status = await f.status();
      const step = stepStatus(status, 'unclaimed-fees');
      console.log(`unclaimed-fees after 20 s: ${after - before} more pruned-state answers; ${started.get('unclaimed-fees')!.report()}`);
      expect(step).toMatchObject({ dlq: 0 });
      expect(step.state).not.toBe('complete');
      expect(step.lastError).toMatch(/archive RPC required for/);
      const { rows } = await f.db.pool.query(`SELECT count(*)::int AS n FROM dead_letter WHERE step = 'unclaimed-fees'`);
      expect(rows[0].n).toBe(0);
      const written = await f.db.pool.query(`SELECT count(*)::int AS n FROM position_unclaimed_fees`);
      expect(written.rows[0].n).toBe(0);
      // Retried every 15 s (ArchiveRequiredError's retryDelayMs), not in a loop: in 20 s at most two attempts per
      // partition (3), each at most READ_CONCURRENCY (32) reads before the first failure ends it.
      expect(after - before).toBeLessThanOrEqual(2 * 3 * 32);
    } finally {
      await finish(f, started);
    }
  }, 600_000);
});
