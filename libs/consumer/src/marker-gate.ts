import type { Pool } from 'pg';
import type { EndOfReplayMarker } from '@lib/kafka';
import { runArrivals, runEnded } from './marker-arrivals';
import type { StepBatch } from './step-handler';

/**
 * Whether a run has ended in a batch's partition. A marker forwarded by step 1 follows
 * only its origin partition's records; the step acts on the run's end once every origin's
 * marker has reached the partition (step 1 has then attributed every input partition).
 * The origins met are recorded in end_marker_origin (migrations/0012) before the answer,
 * so it survives restarts; a batch that dies after recording is delivered again and,
 * the count being complete already, computes then (the step's writes are idempotent).
 */
export class MarkerGate {
  constructor(private readonly db: Pool, private readonly step: string) {}

  /** Records the batch's markers; returns one marker per run that has now ended here, first seen first. */
  async ended(batch: Pick<StepBatch<unknown>, 'topic' | 'partition' | 'markers'>): Promise<EndOfReplayMarker[]> {
    const ended: EndOfReplayMarker[] = [];
    for (const run of runArrivals(batch.markers)) {
      if (run.origins === undefined) {
        ended.push(run.marker);
        continue;
      }
      const where = [this.step, run.marker.runId, batch.topic, batch.partition];
      await this.db.query(
        `INSERT INTO end_marker_origin (step, run_id, topic, partition, origin)
         SELECT $1, $2, $3, $4, o FROM unnest($5::int[]) AS o
         ON CONFLICT DO NOTHING`,
        [...where, run.seen],
      );
      const { rows } = await this.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM end_marker_origin WHERE step = $1 AND run_id = $2 AND topic = $3 AND partition = $4 AND origin < $5`,
        [...where, run.origins],
      );
      if (runEnded(run.origins, rows[0].n)) ended.push(run.marker);
    }
    return ended;
  }
}

/**
 * Forgets the markers `steps` met in run `runId`: a step reset to the run's start (admin
 * `reset`) meets them again and must again wait for every origin, not act on the first.
 */
export async function forgetEndMarkers(db: Pool, steps: readonly string[], runId: string): Promise<void> {
  await db.query('DELETE FROM end_marker_origin WHERE step = ANY($1::text[]) AND run_id = $2', [steps, runId]);
}
