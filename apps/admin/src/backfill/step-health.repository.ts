import type { Pool } from 'pg';

export interface StepHealth {
  dlq: number;
  lastError: string | null;
  /** Instances seen in the last minute (the group's members say how many are joined now). */
  recentInstances: number;
}

/** What step instances wrote about themselves: dead letters and last errors. */
export class StepHealthRepository {
  constructor(private readonly pool: Pool) {}

  async byStep(): Promise<Map<string, StepHealth>> {
    const [letters, instances] = await Promise.all([
      this.pool.query<{ step: string; n: string }>('SELECT step, count(*)::bigint AS n FROM dead_letter GROUP BY step'),
      this.pool.query<{ step: string; last_error: string | null; recent: string }>(
        `SELECT step,
                (array_agg(last_error ORDER BY last_error_at DESC NULLS LAST))[1] AS last_error,
                count(*) FILTER (WHERE seen_at > now() - interval '1 minute')::bigint AS recent
           FROM step_instance GROUP BY step`,
      ),
    ]);
    const out = new Map<string, StepHealth>();
    const get = (step: string) => out.get(step) ?? out.set(step, { dlq: 0, lastError: null, recentInstances: 0 }).get(step)!;
    for (const r of letters.rows) get(r.step).dlq = Number(r.n);
    for (const r of instances.rows) {
      get(r.step).lastError = r.last_error;
      get(r.step).recentInstances = Number(r.recent);
    }
    return out;
  }
}
