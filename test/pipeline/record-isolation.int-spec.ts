import { upsertRows } from '@lib/db';
import { DEFAULT_UNKNOWN_ERROR_ATTEMPTS } from '@lib/consumer';
import { PipelineFixture, stepStatus } from '../support/pipeline-fixture';
import { sampleSum, scrapeMetrics } from '../support/prometheus-text';

/** 10^70 raw units: any token's USD value of it is far over numeric(48, 18)'s 10^30 (and under int256, so the input screen takes it). */
const ABSURD_AMOUNT = '1' + '0'.repeat(70);

/**
 * A record that makes a step's write fail the same way every time no longer blocks the
 * step: a copy of a real Swap whose input amount is absurd passes the input screen and is
 * valued by pool-volume, but its volume_usd overflows swap_volume's numeric(48, 18)
 * (SQLSTATE 22003) on every attempt. Before, the runtime retried the batch forever (lag
 * stuck); now it splits the batch, dead-letters that one record and writes the rest.
 */
describe('a record the step fails on deterministically', () => {
  let f: PipelineFixture;

  beforeAll(async () => {
    f = await PipelineFixture.create();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('is dead-lettered with its reason; every other swap is written and the run completes', async () => {
    // The last event of its pool in its block, so the copy (same price, a later log index) changes no other swap's price.
    const { rows: picked } = await f.db.pool.query<Record<string, unknown> & { id: string; txHash: string; amount0: string; amount1: string }>(
      `SELECT * FROM "PoolEvent" s WHERE "eventName" = 'Swap'
         AND NOT EXISTS (SELECT 1 FROM "PoolEvent" o WHERE o.pool = s.pool AND o."blockNumber" = s."blockNumber" AND o."logIndex" > s."logIndex")
       ORDER BY "blockNumber" DESC, "logIndex" DESC LIMIT 1`,
    );
    const swap = picked[0];
    expect(swap).toBeDefined();
    const inputSide = BigInt(swap.amount0) > 0n ? 'amount0' : 'amount1';
    const bad = { ...swap, logIndex: 90_000, id: `${swap.txHash}:90000`, [inputSide]: ABSURD_AMOUNT };
    await upsertRows(f.db.pool, { table: 'PoolEvent', columns: Object.keys(bad), conflict: ['id'], update: 'nothing', rows: [bad] });

    await f.startAdmin();
    const service = await f.startStep('pool-volume');
    expect((await f.post({ action: 'start', steps: ['pool-volume'] })).status).toBe(200);
    const done = await f.waitForState('completed', 300_000);
    const step = stepStatus(done, 'pool-volume');
    expect(step.lag).toBe(0);
    expect(step.dlq).toBe(1);

    // The one dead letter is the bad swap's (its pool's key), with the class, the SQLSTATE and the message.
    const { rows: letters } = await f.db.pool.query<{ error: string; record_key: string }>(
      `SELECT error, record_key FROM dead_letter WHERE step = 'pool-volume'`,
    );
    expect(letters).toHaveLength(1);
    expect(letters[0].error).toMatch(/^deterministic error 22003 on this record: numeric field overflow/);
    expect(letters[0].record_key.toLowerCase()).toBe(String(swap.pool).toLowerCase());

    // Every other Swap of the source table is valued exactly once (the clean history has nothing to dead-letter), the bad one not at all.
    const { rows: sets } = await f.db.pool.query<{ missing: string[]; extra: string[]; swaps: number; hourly: number }>(
      `SELECT
         ARRAY(SELECT id FROM "PoolEvent" WHERE "eventName" = 'Swap' AND id <> $1 EXCEPT SELECT id FROM swap_volume) AS missing,
         ARRAY(SELECT id FROM swap_volume EXCEPT SELECT id FROM "PoolEvent" WHERE "eventName" = 'Swap' AND id <> $1) AS extra,
         (SELECT count(*)::int FROM "PoolEvent" WHERE "eventName" = 'Swap' AND id <> $1) AS swaps,
         (SELECT coalesce(sum(swaps), 0)::int FROM pool_volume_hourly) AS hourly`,
      [bad.id],
    );
    expect(sets[0]).toEqual({ missing: [], extra: [], swaps: sets[0].swaps, hourly: sets[0].swaps });
    expect(sets[0].swaps).toBeGreaterThan(10);

    // Isolated, not retried: no deterministic failure was retried, and no unknown one more than the bound allows.
    const metrics = await scrapeMetrics(`http://127.0.0.1:${service.env.METRICS_PORT}/metrics`);
    expect(sampleSum(metrics, 'lp_step_retries_total', { stage: 'handler', class: 'deterministic' })).toBe(0);
    expect(sampleSum(metrics, 'lp_step_retries_total', { stage: 'handler', class: 'unknown' })).toBeLessThan(DEFAULT_UNKNOWN_ERROR_ATTEMPTS);
    expect(sampleSum(metrics, 'lp_step_dead_letters_total', { class: 'deterministic' })).toBe(1);
    expect(sampleSum(metrics, 'lp_step_dead_letters_total')).toBe(1);
  }, 420_000);
});
