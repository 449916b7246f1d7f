import type { Pool } from 'pg';
import type { ChainClient } from '@lib/chain';
import { BlockTimesUnavailableError, blocksWithoutTime, fillBlockTimes } from '@lib/indexer';
import type { ReplayRun, ReplayRunRepository } from './replay-run.repository';
import type { SourceRowsRepository } from './source-rows.repository';

export interface PreparedRun {
  run: ReplayRun;
  /** Blocks that had no time, all filled from headers. */
  blocksFilled: number;
  /** Of `ms`, the time the header reads and their writes took. */
  fillMs: number;
  burns: number;
  ms: number;
}

/**
 * The prepare phase of a replay run, before its first page (and again on a resume: it only adds
 * what is missing): the time of every source block without one, from block headers through the
 * configured RPC (`chain`, connected only when a block lacks a time); the run's burns
 * (replay_burn); then the run's total (burns included) and, unless the run has one, its as-of
 * time = the block time of the newest source block. A header that cannot be read raises
 * `BlockTimesUnavailableError`, naming how many blocks lack a time.
 */
export async function prepareReplayRun(
  db: Pool,
  repositories: { runs: ReplayRunRepository; rows: SourceRowsRepository },
  run: ReplayRun,
  chain: () => Promise<ChainClient>,
): Promise<PreparedRun> {
  const started = Date.now();
  const missing = await blocksWithoutTime(db);
  let fillMs = 0;
  if (missing.length > 0) {
    let client: ChainClient;
    try {
      client = await chain();
    } catch (err) {
      throw new BlockTimesUnavailableError(missing.length, 0, err);
    }
    fillMs = (await fillBlockTimes(db, client, { missing })).elapsedMs;
  }
  const burns = await repositories.rows.prepareBurns(run.id);
  const counts = await Promise.all([repositories.rows.count('"PositionEvent"'), repositories.rows.count('"PoolEvent"')]);
  const rowsTotal = counts[0] + counts[1] + burns;
  let asOfTime = run.asOfTime;
  if (asOfTime === null) {
    const newest = await repositories.rows.newestBlockTime(run.id);
    if (newest.time === null) throw new Error(`the newest source block ${newest.block} has no block time`);
    asOfTime = newest.time;
  }
  await repositories.runs.prepared(run.id, { rowsTotal, asOfTime });
  return { run: { ...run, rowsTotal, asOfTime }, blocksFilled: missing.length, fillMs, burns, ms: Date.now() - started };
}
