import { Logger } from '@nestjs/common';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { upsertRows } from '@lib/db';
import type { BatchObserver } from '@lib/consumer';
import type { DeadLetter } from '@lib/kafka';
import type { StepMetrics } from './step-metrics';

/** What the recorder tells the process's logger: fields every later line carries. */
export interface LogFields {
  setFields(fields: Record<string, unknown>): void;
}

/**
 * Tells the world how this instance is doing: metrics, structured logs, and rows in
 * `step_instance` / `dead_letter` that the admin status reads. Every write is an
 * upsert of the latest value, never an increment.
 */
export class StepInstanceRecorder implements BatchObserver {
  readonly instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly log = new Logger('Step');
  private lastSeenWrite = 0;

  constructor(
    private readonly step: string,
    private readonly pool: Pool,
    private readonly metrics: StepMetrics,
    private readonly logFields?: LogFields,
  ) {
    this.logFields?.setFields({ instanceId: this.instanceId });
  }

  async register(): Promise<void> {
    await this.writeInstance(null);
  }

  batchDone(s: Parameters<BatchObserver['batchDone']>[0]): void {
    this.metrics.recordsIn.inc(s.records);
    this.metrics.recordsOut.inc(s.output);
    this.metrics.batchSeconds.observe(s.millis / 1000);
    this.metrics.lag.set({ partition: String(s.partition) }, Math.max(0, Number(s.highWatermark) - Number(s.lastOffset) - 1));
    if (Date.now() - this.lastSeenWrite > 5_000) {
      this.lastSeenWrite = Date.now();
      this.writeInstance(null).catch(() => undefined); // liveness only; the next batch writes it again
    }
  }

  retry(s: Parameters<BatchObserver['retry']>[0]): void {
    this.metrics.retries.inc({ stage: s.stage, class: s.errorClass ?? 'unknown' });
    this.log.warn({ message: 'retry', stage: s.stage, attempt: s.attempt, errorClass: s.errorClass, error: s.error.message });
    this.writeInstance(`${s.stage}: ${s.error.message}`).catch(() => undefined); // the database may be what failed
  }

  async deadLettered(letters: DeadLetter[]): Promise<void> {
    for (const d of letters) this.metrics.deadLetters.inc({ class: d.errorClass ?? 'rejected' });
    const pinned = letters.filter((d) => d.errorClass === 'deterministic' || d.errorClass === 'unknown');
    if (pinned.length > 0)
      this.log.warn({ message: 'dead-lettered records the step failed on', records: pinned.map((d) => `${d.topic}/${d.partition}@${d.offset}: ${d.error}`) });
    await upsertRows(this.pool, {
      table: 'dead_letter',
      columns: ['step', 'topic', 'partition', 'offset', 'error', 'record_key'],
      conflict: ['step', 'topic', 'partition', 'offset'],
      update: ['error'],
      rows: letters.map((d) => ({
        step: d.step,
        topic: d.topic,
        partition: d.partition,
        offset: d.offset,
        error: d.error,
        record_key: d.key?.toString() ?? null,
      })),
    });
  }

  /**
   * Also learns the latest replay run, for the logs: records carry no run id (only the
   * end-of-replay markers do), so lines name the newest run in replay_run as of the last
   * write, at most 5 s old while batches flow.
   */
  private async writeInstance(lastError: string | null): Promise<void> {
    const { rows } = await this.pool.query<{ run_id: string | null }>(
      `INSERT INTO step_instance (step, instance_id, host, pid, seen_at, last_error, last_error_at)
       VALUES ($1, $2, $3, $4, now(), $5, CASE WHEN $5::text IS NULL THEN NULL ELSE now() END)
       ON CONFLICT (step, instance_id) DO UPDATE SET seen_at = now(),
         last_error = coalesce(EXCLUDED.last_error, step_instance.last_error),
         last_error_at = coalesce(EXCLUDED.last_error_at, step_instance.last_error_at)
       RETURNING (SELECT max(id)::text FROM replay_run) AS run_id`,
      [this.step, this.instanceId, hostname(), process.pid, lastError],
    );
    const runId = rows[0]?.run_id;
    if (runId) this.logFields?.setFields({ runId });
  }
}
