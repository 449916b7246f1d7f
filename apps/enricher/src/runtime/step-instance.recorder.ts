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
  /** The error this instance last wrote to `step_instance`, until a batch done after it clears it. */
  private openError: string | undefined;
  /** Instance rows are written one after another, so an error and the clearing after it land in that order. */
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly step: string,
    private readonly pool: Pool,
    private readonly metrics: StepMetrics,
    private readonly logFields?: LogFields,
  ) {
    this.logFields?.setFields({ instanceId: this.instanceId });
  }

  async register(): Promise<void> {
    await this.queueWrite({});
  }

  batchDone(s: Parameters<BatchObserver['batchDone']>[0]): void {
    this.metrics.recordsIn.inc(s.records);
    this.metrics.recordsOut.inc(s.output);
    this.metrics.batchSeconds.observe(s.millis / 1000);
    this.metrics.lag.set({ partition: String(s.partition) }, Math.max(0, Number(s.highWatermark) - Number(s.lastOffset) - 1));
    // A batch committed after an error: the error is over for this instance (a partition
    // still failing records it again at its next retry), so its last_error is cleared now.
    const resolved = this.openError;
    if (resolved !== undefined || Date.now() - this.lastSeenWrite > 5_000) {
      this.lastSeenWrite = Date.now();
      this.openError = undefined;
      if (resolved !== undefined) this.log.log({ message: 'recovered', error: resolved });
      this.queueWrite({ clearError: resolved !== undefined }).catch(() => {
        // liveness only, the next batch writes it again; a clearing is tried again by the next batch
        if (resolved !== undefined) this.openError ??= resolved;
      });
    }
  }

  retry(s: Parameters<BatchObserver['retry']>[0]): void {
    this.metrics.retries.inc({ stage: s.stage, class: s.errorClass ?? 'unknown' });
    this.log.warn({ message: 'retry', stage: s.stage, attempt: s.attempt, errorClass: s.errorClass, error: s.error.message });
    this.openError = `${s.stage}: ${s.error.message}`;
    this.queueWrite({ error: this.openError }).catch(() => undefined); // the database may be what failed
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

  private queueWrite(w: { error?: string; clearError?: boolean }): Promise<void> {
    const done = this.writes.then(() => this.writeInstance(w.error ?? null, w.clearError === true));
    this.writes = done.catch(() => undefined);
    return done;
  }

  /**
   * Also learns the latest replay run, for the logs: records carry no run id (only the
   * end-of-replay markers do), so lines name the newest run in replay_run as of the last
   * write, at most 5 s old while batches flow. `lastError` records an error (and its
   * time), `clearError` removes the recorded one, neither keeps what is there.
   */
  private async writeInstance(lastError: string | null, clearError: boolean): Promise<void> {
    const { rows } = await this.pool.query<{ run_id: string | null }>(
      `INSERT INTO step_instance (step, instance_id, host, pid, seen_at, last_error, last_error_at)
       VALUES ($1, $2, $3, $4, now(), $5, CASE WHEN $5::text IS NULL THEN NULL ELSE now() END)
       ON CONFLICT (step, instance_id) DO UPDATE SET seen_at = now(),
         last_error = CASE WHEN $6::boolean THEN NULL ELSE coalesce(EXCLUDED.last_error, step_instance.last_error) END,
         last_error_at = CASE WHEN $6::boolean THEN NULL ELSE coalesce(EXCLUDED.last_error_at, step_instance.last_error_at) END
       RETURNING (SELECT max(id)::text FROM replay_run) AS run_id`,
      [this.step, this.instanceId, hostname(), process.pid, lastError, clearError],
    );
    const runId = rows[0]?.run_id;
    if (runId) this.logFields?.setFields({ runId });
  }
}
