import type { Pool } from 'pg';

export interface MarkerPlace {
  step: string;
  runId: string;
  topic: string;
  partition: number;
}

/**
 * end_marker_origin (migrations/0012): which origins' end-of-replay markers a step has
 * met in a partition, per run. Written by the step runtime's marker gate, cleared by the
 * admin app's reset; both stand on this one repository.
 */
export class EndMarkerOriginRepository {
  constructor(private readonly db: Pool) {}

  /** Records the origins met (idempotent); returns how many distinct origins below `origins` are recorded now. */
  async record(place: MarkerPlace, seen: readonly number[], origins: number): Promise<number> {
    const where = [place.step, place.runId, place.topic, place.partition];
    await this.db.query(
      `INSERT INTO end_marker_origin (step, run_id, topic, partition, origin)
       SELECT $1, $2, $3, $4, o FROM unnest($5::int[]) AS o
       ON CONFLICT DO NOTHING`,
      [...where, seen],
    );
    const { rows } = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM end_marker_origin WHERE step = $1 AND run_id = $2 AND topic = $3 AND partition = $4 AND origin < $5`,
      [...where, origins],
    );
    return rows[0].n;
  }

  /**
   * Forgets the markers `steps` met in run `runId`: a step reset to the run's start (admin
   * `reset`) meets them again and must again wait for every origin, not act on the first.
   */
  async forget(steps: readonly string[], runId: string): Promise<void> {
    await this.db.query('DELETE FROM end_marker_origin WHERE step = ANY($1::text[]) AND run_id = $2', [steps, runId]);
  }
}
