import type { Pool } from 'pg';
import type { ChainCursor } from './source-rows.repository';

export type ReplayState = 'running' | 'paused' | 'stopped' | 'replayed' | 'failed';

/** Offsets per topic per partition, as Kafka reports them (decimal strings). */
export type TopicOffsets = Record<string, Record<string, string>>;

/** Per source table: where the producer is and how many rows it has written. */
export type RunCursor = Record<string, ChainCursor & { rows: number }>;

export interface ReplayRun {
  id: string;
  state: ReplayState;
  startedAt: Date | null;
  finishedAt: Date | null;
  asOfTime: number | null;
  cursor: RunCursor;
  rowsTotal: number;
  rowsProduced: number;
  startOffsets: TopicOffsets;
  endOffsets: TopicOffsets;
  steps: string[];
  lastError: string | null;
}

/** A replay_run row as pg returns it (bigint columns as text, jsonb parsed, text[] as an array). */
interface ReplayRunRow {
  id: string;
  state: ReplayState;
  started_at: Date | null;
  finished_at: Date | null;
  as_of_time: string | null;
  cursor: RunCursor | null;
  rows_total: string | null;
  start_offsets: TopicOffsets | null;
  end_offsets: TopicOffsets | null;
  steps: string[] | null;
  last_error: string | null;
}

function toRun(r: ReplayRunRow): ReplayRun {
  const cursor = (r.cursor ?? {}) as RunCursor;
  return {
    id: String(r.id),
    state: r.state,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    asOfTime: r.as_of_time === null ? null : Number(r.as_of_time),
    cursor,
    rowsTotal: Number(r.rows_total ?? 0),
    rowsProduced: Object.values(cursor).reduce((n, c) => n + (c.rows ?? 0), 0),
    startOffsets: r.start_offsets ?? {},
    endOffsets: r.end_offsets ?? {},
    steps: r.steps ?? [],
    lastError: r.last_error,
  };
}

/** The replay's durable state: the one table the producer writes. */
export class ReplayRunRepository {
  constructor(private readonly pool: Pool) {}

  async latest(): Promise<ReplayRun | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM replay_run ORDER BY id DESC LIMIT 1');
    return rows[0] ? toRun(rows[0]) : undefined;
  }

  async get(id: string): Promise<ReplayRun | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM replay_run WHERE id = $1', [id]);
    return rows[0] ? toRun(rows[0]) : undefined;
  }

  async create(run: { rowsTotal: number; asOfTime: number | null; steps: string[]; startOffsets: TopicOffsets }): Promise<ReplayRun> {
    const { rows } = await this.pool.query(
      `INSERT INTO replay_run (state, started_at, rows_total, as_of_time, steps, start_offsets)
       VALUES ('running', now(), $1, $2, $3, $4) RETURNING *`,
      [run.rowsTotal, run.asOfTime, run.steps, JSON.stringify(run.startOffsets)],
    );
    return toRun(rows[0]);
  }

  /** The prepare phase's results: the total with the run's burns, and the as-of time. */
  async prepared(id: string, facts: { rowsTotal: number; asOfTime: number }): Promise<void> {
    await this.pool.query('UPDATE replay_run SET rows_total = $2, as_of_time = $3, updated_at = now() WHERE id = $1', [id, facts.rowsTotal, facts.asOfTime]);
  }

  /** Moves one source's cursor; the row count is absolute, so a repeated call changes nothing. */
  async advance(id: string, source: string, cursor: ChainCursor & { rows: number }): Promise<void> {
    await this.pool.query(
      // One statement on the locked current row: two sources advancing at once never
      // overwrite each other's cursor.
      `UPDATE replay_run
          SET cursor = jsonb_set(cursor, ARRAY[$2::text], $3::jsonb),
              rows_produced = (SELECT coalesce(sum((v->>'rows')::bigint), 0)
                                 FROM jsonb_each(jsonb_set(cursor, ARRAY[$2::text], $3::jsonb)) AS e(k, v)),
              updated_at = now()
        WHERE id = $1`,
      [id, source, JSON.stringify(cursor)],
    );
  }

  async setState(id: string, state: ReplayState, lastError: string | null = null): Promise<void> {
    await this.pool.query('UPDATE replay_run SET state = $2, last_error = coalesce($3, last_error), updated_at = now() WHERE id = $1', [id, state, lastError]);
  }

  async finish(id: string, endOffsets: TopicOffsets): Promise<void> {
    await this.pool.query(`UPDATE replay_run SET state = 'replayed', finished_at = now(), end_offsets = $2, updated_at = now() WHERE id = $1`, [
      id,
      JSON.stringify(endOffsets),
    ]);
  }
}
