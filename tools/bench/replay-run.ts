import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { freePort } from '@lib/local-chain';
import { BenchProcess, type RssSampler } from './processes';
import { now, poll } from './timing';
import { postStart } from './admin-api';

export interface ReplayMeasurement {
  rowsProduced: number;
  rowsTotal: number;
  /** From POST start until replay_run is 'replayed' (the bench's clock). */
  wallSeconds: number;
  /** started_at → finished_at as the admin app recorded them. */
  dbSeconds: number;
}

/**
 * The replay as a user runs it: the admin app from dist/, `POST start`, timed until its
 * run is 'replayed' (replay_run polled every 50 ms). No step runs meanwhile. The app is
 * stopped afterwards.
 */
export async function measureReplay(o: {
  db: Pool;
  env: NodeJS.ProcessEnv;
  rss: RssSampler;
  processes: BenchProcess[];
  log: (line: string) => void;
}): Promise<ReplayMeasurement> {
  const token = `bench-${randomBytes(6).toString('hex')}`;
  const port = await freePort();
  const admin = BenchProcess.start('admin', 'dist/apps/admin/src/main.js', [], { ...o.env, ADMIN_TOKEN: token, ADMIN_PORT: String(port) });
  o.processes.push(admin);
  o.rss.watch('admin', admin.pid);
  try {
    await admin.waitFor(/listening on/);
    o.log('replay: POST start');
    const t = now();
    await postStart(port, token);
    const latest = () =>
      o.db
        .query(
          `SELECT state, rows_produced::bigint AS produced, rows_total::bigint AS total, extract(epoch FROM finished_at - started_at)::float8 AS sec FROM replay_run ORDER BY started_at DESC LIMIT 1`,
        )
        .then((r) => r.rows[0]);
    const run = await poll(latest, (r) => r?.state === 'replayed' || r?.state === 'failed', 'replay state replayed', 3_600_000, 50);
    const wallSeconds = (now() - t) / 1000;
    if (run.state !== 'replayed') throw new Error(`replay ${run.state}:\n${admin.tail()}`);
    return { rowsProduced: Number(run.produced), rowsTotal: Number(run.total), wallSeconds, dbSeconds: Number(run.sec) };
  } finally {
    await admin.stop();
  }
}
