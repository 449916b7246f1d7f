/**
 * Follows a run through the admin API until it ends (completed, failed, stopped): a bar for
 * the replay and one per step, or plain lines in logs. Ctrl-C stops following, not the run.
 */
import { describeError, formatCount, Progress } from '../cli';
import { AdminApiError, type AdminClient, type BackfillStatus } from './admin-client';
import { isFinal, stepDetail } from './status-view';

export interface FollowOptions {
  everyMs?: number;
  /** Consecutive failed polls tolerated (the admin app restarting) before giving up. */
  maxErrorMs?: number;
}

export interface FollowResult {
  status: BackfillStatus;
  /** True when the user pressed Ctrl-C: the run goes on. */
  interrupted: boolean;
  /** How long the run was followed; undefined when it had already ended at the first look. */
  followedMs: number | undefined;
}

export async function follow(client: AdminClient, options: FollowOptions = {}): Promise<FollowResult> {
  const everyMs = options.everyMs ?? 1000;
  const maxErrorMs = options.maxErrorMs ?? 60_000;
  const progress = new Progress({ label: 'backfill', nameWidth: 20 });
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
  };
  process.once('SIGINT', onSigint);
  let failingSince: number | undefined;
  let last: BackfillStatus | undefined;
  const started = Date.now();
  let first = true;
  let endedBefore = false;
  try {
    for (;;) {
      try {
        last = await client.status();
        failingSince = undefined;
      } catch (error) {
        if (!(error instanceof AdminApiError)) throw error;
        failingSince ??= Date.now();
        if (Date.now() - failingSince > maxErrorMs) throw error;
        progress.log(`[backfill] status: ${describeError(error)} (retrying)`);
      }
      if (last) {
        const replay = progress.task('replay', last.replay.rowsTotal);
        replay.setTotal(last.replay.rowsTotal);
        replay.update(last.replay.rowsProduced, `rows · ${last.state}`);
        for (const st of last.steps) {
          const task = progress.task(st.name, st.end);
          task.setTotal(st.end);
          task.update(st.committed, stepDetail(st));
        }
        if (isFinal(last)) {
          endedBefore = first;
          break;
        }
        first = false;
      }
      if (interrupted) break;
      await new Promise((r) => setTimeout(r, everyMs));
      if (interrupted) break;
    }
  } finally {
    process.off('SIGINT', onSigint);
    progress.stop();
  }
  if (!last) throw new AdminApiError(`interrupted before the admin app at ${client.baseUrl} answered`);
  if (interrupted) console.error(`\nstopped following; the run goes on (${formatCount(last.replay.rowsProduced)} rows replayed): npm run backfill -- status`);
  return { status: last, interrupted, followedMs: endedBefore ? undefined : Date.now() - started };
}
