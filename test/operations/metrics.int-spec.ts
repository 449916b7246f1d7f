import { PipelineFixture, stepStatus, type BackfillStatus } from '../support/pipeline-fixture';
import { sampleSum, scrapeMetrics, type Sample } from '../support/prometheus-text';
import type { ServiceProcess } from '../support/service-process';

const STEPS = ['pool-attribution', 'unclaimed-fees'];

/** Every line the process wrote, parsed: each must be one JSON object. */
function jsonLines(p: ServiceProcess): Record<string, unknown>[] {
  return p.output
    .join('')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        throw new Error(`${p.name} wrote a line that is not JSON: ${l}`);
      }
    });
}

/**
 * What an operator sees of a run: the step services' and the admin app's /metrics after a
 * small backfill of two chain-reading steps, and their logs, one JSON object per line.
 */
describe('metrics and structured logs after a run', () => {
  let f: PipelineFixture;
  let done: BackfillStatus;
  const metricsOf = (step: ServiceProcess) => scrapeMetrics(`http://127.0.0.1:${step.env.METRICS_PORT}/metrics`);

  beforeAll(async () => {
    f = await PipelineFixture.create();
    await f.startAdmin();
    for (const step of STEPS) await f.startStep(step);
    expect((await f.post({ action: 'start', steps: STEPS })).status).toBe(200);
    done = await f.waitForState('completed', 300_000);
  });

  afterAll(() => f?.close());

  it('a step service counts records, batches, RPC calls and cache lookups', async () => {
    const [attribution, fees] = f.services;
    const progress = (name: string) => stepStatus(done, name);
    const a: Sample[] = await metricsOf(attribution);
    // Every record of the run went through the one instance at least once (markers included).
    expect(sampleSum(a, 'lp_step_records_in_total', { step: 'pool-attribution' })).toBeGreaterThanOrEqual(progress('pool-attribution').end);
    expect(progress('pool-attribution').end).toBeGreaterThan(0);
    const { rows } = await f.db.pool.query('SELECT count(*)::int AS n FROM attributed_event');
    expect(sampleSum(a, 'lp_step_records_out_total')).toBeGreaterThanOrEqual(rows[0].n);
    expect(rows[0].n).toBeGreaterThan(0);
    expect(sampleSum(a, 'lp_step_batch_seconds_count')).toBeGreaterThan(0);
    expect(sampleSum(a, 'lp_step_partition_lag')).toBe(0);
    expect(sampleSum(a, 'lp_step_rpc_calls_total', { method: 'eth_getTransactionReceipt' })).toBeGreaterThan(0);
    expect(sampleSum(a, 'lp_step_rpc_calls_total', { method: 'eth_call' })).toBeGreaterThan(0);
    expect(sampleSum(a, 'lp_step_cache_misses_total', { cache: 'receipt' })).toBeGreaterThan(0);
    expect(sampleSum(a, 'lp_step_dead_letters_total')).toBe(0);
    expect(sampleSum(a, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    const u: Sample[] = await metricsOf(fees);
    expect(sampleSum(u, 'lp_step_records_in_total', { step: 'unclaimed-fees' })).toBeGreaterThanOrEqual(progress('unclaimed-fees').end);
    expect(sampleSum(u, 'lp_step_batch_seconds_count')).toBeGreaterThan(0);
    expect(sampleSum(u, 'lp_step_rpc_calls_total', { method: 'eth_call' })).toBeGreaterThan(0);
    expect(sampleSum(u, 'lp_step_cache_misses_total', { cache: 'manager-position' })).toBeGreaterThan(0);
    // The pricing repositories' caches: the pool directory is read once, then hit.
    expect(sampleSum(u, 'lp_step_cache_misses_total', { cache: 'pool-directory' })).toBeGreaterThan(0);
    expect(sampleSum(u, 'lp_step_cache_hits_total', { cache: 'pool-directory' })).toBeGreaterThan(0);
    expect(
      sampleSum(u, 'lp_step_cache_hits_total', { cache: 'pool-state' }) + sampleSum(u, 'lp_step_cache_misses_total', { cache: 'pool-state' }),
    ).toBeGreaterThan(0);
  });

  it('the admin app counts the rows it replayed, the run by its final state, and its API calls', async () => {
    const m = await scrapeMetrics(`http://127.0.0.1:${f.adminPort}/metrics`);
    expect(done.replay.rowsProduced).toBe(done.replay.rowsTotal);
    expect(sampleSum(m, 'lp_replay_rows_produced_total')).toBe(done.replay.rowsProduced);
    const { rows } = await f.db.pool.query('SELECT (SELECT count(*)::int FROM "PositionEvent") AS p, (SELECT count(*)::int FROM "PoolEvent") AS e');
    expect(sampleSum(m, 'lp_replay_rows_produced_total', { source: 'PositionEvent' })).toBe(rows[0].p);
    expect(sampleSum(m, 'lp_replay_rows_produced_total', { source: 'PoolEvent' })).toBe(rows[0].e);
    expect(sampleSum(m, 'lp_replay_runs_total', { state: 'replayed' })).toBe(1);
    expect(sampleSum(m, 'lp_replay_runs_total')).toBe(1);
    expect(sampleSum(m, 'lp_replay_run_seconds_count', { state: 'replayed' })).toBe(1);
    expect(sampleSum(m, 'lp_admin_http_requests_total', { method: 'POST', route: '/api/admin/backfill', status: '200' })).toBe(1);
    expect(sampleSum(m, 'lp_admin_http_requests_total', { method: 'GET', route: '/api/admin/backfill', status: '200' })).toBeGreaterThan(0);
    expect(sampleSum(m, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('every service logs one JSON object per line, steps with their step and instance, the replay with its run id', () => {
    const admin = jsonLines(f.admin!);
    for (const line of [...admin, ...f.services.flatMap(jsonLines)]) {
      expect(line).toEqual(
        expect.objectContaining({ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), level: expect.any(String), message: expect.any(String) }),
      );
    }
    expect(admin).toContainEqual(expect.objectContaining({ context: 'Replay', message: `run ${done.runId} replayed`, runId: done.runId }));
    STEPS.forEach((step, i) => {
      const lines = jsonLines(f.services[i]);
      const ready = lines.find((l) => l.message === 'consuming');
      expect(ready).toEqual(expect.objectContaining({ context: 'Enricher', step, instance: expect.any(String), instanceId: expect.any(String) }));
      // From the moment the instance is known, every line names the step and the instance.
      for (const line of lines.slice(lines.indexOf(ready!))) expect(line).toEqual(expect.objectContaining({ step, instanceId: ready!.instance }));
    });
    // unclaimed-fees logs its RPC figures per batch: those lines carry the run once the instance has seen it.
    expect(jsonLines(f.services[1])).toContainEqual(expect.objectContaining({ context: 'UnclaimedFees', runId: done.runId }));
  });
});
