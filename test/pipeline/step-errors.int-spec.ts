import { PipelineFixture } from '../support/pipeline-fixture';
import { waitFor } from '../support/wait-for';

/**
 * A step whose write fails keeps retrying the same batch (never commits past it), reports
 * the real error as its last error (not Nest's "Internal server error"), and finishes
 * with every row once the cause is gone; then the error is no longer reported (the
 * instance clears it once a batch commits after it, and a complete step shows none).
 */
describe('a failing step stage', () => {
  let f: PipelineFixture;

  beforeAll(async () => {
    f = await PipelineFixture.create();
  });
  afterAll(async () => {
    await f?.close();
  });

  it('is retried with its real error reported, then completes with nothing skipped', async () => {
    const steps = ['pool-attribution', 'range-status'];
    // Hide range-status' table: its upserts fail with "relation ... does not exist".
    await f.db.pool.query('ALTER TABLE position_range_status RENAME TO position_range_status_hidden');
    await f.startAdmin();
    for (const step of steps) await f.startStep(step);
    expect((await f.post({ action: 'start', steps })).status).toBe(200);

    const failing = await waitFor(
      () =>
        f.db.pool
          .query<{ last_error: string }>(`SELECT last_error FROM step_instance WHERE step = 'range-status' AND last_error IS NOT NULL`)
          .then((r) => r.rows[0]),
      (row) => row !== undefined,
      'range-status to report its error',
      120_000,
    );
    expect(failing.last_error).toMatch(/position_range_status.*does not exist/);
    expect(failing.last_error).not.toMatch(/Internal server error/);

    // While it fails, the step commits nothing: its records stay on the topic.
    const during = (await f.status()).steps.find((s) => s.name === 'range-status');
    expect(during?.committed).toBe(0);
    expect(during?.lastError).toMatch(/position_range_status.*does not exist/);

    await f.db.pool.query('ALTER TABLE position_range_status_hidden RENAME TO position_range_status');
    const done = await f.waitForState('completed');
    const rangeStatus = done.steps.find((s) => s.name === 'range-status');
    expect(rangeStatus?.lag).toBe(0);
    expect(rangeStatus?.dlq).toBe(0);
    // One range status per attributed event: none skipped while the table was missing.
    const { rows } = await f.db.pool.query<{ events: number; statuses: number }>(
      `SELECT (SELECT count(*)::int FROM attributed_event) AS events, (SELECT count(*)::int FROM position_range_status) AS statuses`,
    );
    expect(rows[0].events).toBeGreaterThan(0);
    expect(rows[0].statuses).toBe(rows[0].events);

    // Recovered: the instance cleared its own error (batches committed after it), and the API shows none.
    expect(rangeStatus?.lastError).toBeNull();
    expect(done.failedProcesses).toEqual([]);
    await waitFor(
      () =>
        f.db.pool
          .query(`SELECT count(*)::int AS n FROM step_instance WHERE step = 'range-status' AND last_error IS NOT NULL`)
          .then((r) => r.rows[0].n as number),
      (n) => n === 0,
      "range-status' instance to clear its last error",
      30_000,
    );
    // An error left by an instance that died before recovering stays in its row, but the complete step shows none.
    await f.db.pool.query(
      `INSERT INTO step_instance (step, instance_id, host, pid, seen_at, last_error, last_error_at)
       VALUES ('range-status', 'gone:1:dead', 'gone', 1, now(), 'handler: left by a dead instance', now())`,
    );
    const after = (await f.status()).steps.find((s) => s.name === 'range-status');
    expect(after?.state).toBe('complete');
    expect(after?.lastError).toBeNull();
  });
});
