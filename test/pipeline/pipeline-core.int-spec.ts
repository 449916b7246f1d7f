import { createKafka, createProducer } from '@lib/kafka';
import { loadConfig } from '@lib/config';
import { PipelineFixture } from '../support/pipeline-fixture';
import { waitFor } from '../support/wait-for';

/**
 * The pipeline core under the events a user meets: stop and resume, a restarted admin
 * app, a crashed consumer, a poison record, two instances, bad requests. Each case ends
 * with step 1's tables identical, checksum for checksum, to a clean run's.
 */
describe('pipeline core, end to end', () => {
  let clean: string[];

  beforeAll(async () => {
    const f = await PipelineFixture.create();
    try {
      await f.startAdmin();
      await f.startStep('pool-attribution');
      await f.post({ action: 'start', steps: ['pool-attribution'] });
      await f.waitForState('completed');
      clean = await f.attributionChecksums();
    } finally {
      await f.close();
    }
  });

  /** A replay slow enough to be caught mid-run: small pages, a row-rate cap. */
  async function throttled(): Promise<PipelineFixture> {
    const f = await PipelineFixture.create();
    f.extraEnv = { REPLAY_PAGE_SIZE: '10', REPLAY_MAX_ROWS_PER_SEC: '40' };
    return f;
  }

  it('stop then start resumes the run from its cursor without producing a record twice', async () => {
    const f = await throttled();
    try {
      await f.startAdmin();
      await f.startStep('pool-attribution');
      const started = await f.post({ action: 'start', steps: ['pool-attribution'] });
      const runId = started.body?.status?.runId;
      await waitFor(
        () => f.status(),
        (s) => s.replay.rowsProduced >= 60,
        'some rows produced',
      );
      const stopped = await f.post({ action: 'stop' });
      expect(stopped.status).toBe(200);
      expect(stopped.body?.status?.state).toBe('stopped');
      const at = stopped.body?.status?.replay.rowsProduced;
      expect(at).toBeLessThan(stopped.body?.status?.replay.rowsTotal ?? 0);
      await new Promise((r) => setTimeout(r, 1000));
      expect((await f.status()).replay.rowsProduced).toBe(at);

      const resumed = await f.post({ action: 'start' });
      expect(resumed.body?.status?.runId).toBe(runId);
      const done = await f.waitForState('completed');
      expect(done.replay.rowsProduced).toBe(done.replay.rowsTotal);

      // Exactly one record per source row (plus one end marker per partition) in the run's offsets.
      const { rows } = await f.db.pool.query('SELECT start_offsets, end_offsets FROM replay_run WHERE id = $1', [runId]);
      const topic = `${f.prefix}lp.position-events.v1`;
      const { rows: count } = await f.db.pool.query('SELECT count(*)::int AS n FROM "PositionEvent"');
      expect(PipelineFixture.recordsBetween(rows[0].start_offsets[topic], rows[0].end_offsets[topic])).toBe(count[0].n + 3);
      expect(await f.attributionChecksums()).toEqual(clean);
    } finally {
      await f.close();
    }
  });

  it('an admin app restarted mid-run reports the same run and finishes it', async () => {
    const f = await throttled();
    try {
      const admin = await f.startAdmin();
      await f.startStep('pool-attribution');
      await f.post({ action: 'start', steps: ['pool-attribution'] });
      const before = await waitFor(
        () => f.status(),
        (s) => s.replay.rowsProduced >= 60,
        'some rows produced',
      );
      await admin.stop('SIGKILL');
      await f.startAdmin();
      const after = await f.status();
      expect(after).toMatchObject({ runId: before.runId, startedAt: before.startedAt, running: true });
      expect(after.replay.rowsTotal).toBe(before.replay.rowsTotal);
      expect(after.replay.rowsProduced).toBeGreaterThanOrEqual(before.replay.rowsProduced);
      await f.waitForState('completed');
      expect(await f.attributionChecksums()).toEqual(clean);
    } finally {
      await f.close();
    }
  });

  it('a consumer killed with SIGKILL mid-run and restarted leaves the same tables as a clean run', async () => {
    const f = await throttled();
    try {
      await f.startAdmin();
      const first = await f.startStep('pool-attribution');
      await f.post({ action: 'start', steps: ['pool-attribution'] });
      await waitFor(
        () => f.status(),
        (s) => s.steps[0].committed > 30 && s.steps[0].committed < 120,
        'the step mid-run',
      );
      await first.stop('SIGKILL');
      await f.startStep('pool-attribution');
      await f.waitForState('completed');
      expect(await f.attributionChecksums()).toEqual(clean);
    } finally {
      await f.close();
    }
  });

  it('sends a poison record to the DLQ with its reason and processes the rest', async () => {
    const f = await PipelineFixture.create();
    try {
      await f.startAdmin(); // creates the topics
      const kafka = createKafka(loadConfig());
      const producer = createProducer(kafka);
      await producer.connect();
      await producer.send({ topic: `${f.prefix}lp.position-events.v1`, messages: [{ key: '1', value: Buffer.from('definitely not avro') }] });
      await producer.disconnect();
      await f.startStep('pool-attribution');
      await f.post({ action: 'start', steps: ['pool-attribution'] });
      const done = await waitFor(
        () => f.status(),
        (s) => s.steps[0].lag === 0 && s.steps[0].dlq === 1 && s.state === 'completed',
        'completed with one dead letter',
      );
      expect(done.steps[0].dlq).toBe(1);
      const { rows } = await f.db.pool.query('SELECT step, topic, error FROM dead_letter');
      expect(rows).toEqual([
        { step: 'pool-attribution', topic: `${f.prefix}lp.position-events.v1`, error: expect.stringMatching(/not Confluent wire-format Avro/) },
      ]);
      expect(await f.attributionChecksums()).toEqual(clean);
    } finally {
      await f.close();
    }
  });

  it('two instances share the partitions and produce the same tables', async () => {
    const f = await throttled();
    try {
      await f.startAdmin();
      await f.startStep('pool-attribution');
      await f.startStep('pool-attribution');
      await f.post({ action: 'start', steps: ['pool-attribution'] });
      await waitFor(
        () => f.status(),
        (s) => s.steps[0].instances === 2,
        'two members in the group',
      );
      await f.waitForState('completed');
      const { rows } = await f.db.pool.query(`SELECT count(DISTINCT instance_id)::int AS n FROM step_instance WHERE step = 'pool-attribution'`);
      expect(rows[0].n).toBe(2);
      expect(await f.attributionChecksums()).toEqual(clean);
    } finally {
      await f.close();
    }
  });

  it('answers bad requests with 400, 401 and 409 over real HTTP', async () => {
    const f = await PipelineFixture.create();
    try {
      // Throttled, so the run is still replaying when the second start arrives.
      f.extraEnv = { REPLAY_MAX_ROWS_PER_SEC: '50' };
      await f.startAdmin();
      expect((await f.post({ action: 'start' }, null)).status).toBe(401);
      expect((await f.post({ action: 'start' }, 'wrong-token')).status).toBe(401);
      const malformed = await f.post('{"action": "sta');
      expect(malformed.status).toBe(400);
      expect(malformed.body?.message).toMatch(/JSON/);
      const unknown = await f.post({ action: 'launch' });
      expect(unknown.status).toBe(400);
      expect(unknown.body?.message).toMatch(/must be one of start, stop, pause, resume, reset/);
      expect((await f.post({ action: 'start', steps: ['nope'] })).status).toBe(400);
      expect((await f.status()).state).toBe('idle'); // nothing started by any of those
      expect((await f.post({ action: 'start' })).status).toBe(200);
      const again = await f.post({ action: 'start' });
      expect(again.status).toBe(409);
      expect(again.body?.message).toMatch(/already/);
    } finally {
      await f.close();
    }
  });
});
