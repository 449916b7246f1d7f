import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import type { AvroCodec, TopicNames } from '@lib/kafka';
import type { AppConfig } from '@lib/config';
import type { AdminMetrics } from '../metrics/admin-metrics';
import type { ReplayRun } from './replay-run.repository';
import { BlockTimesUnavailableError } from '@lib/indexer';
import { ReplayService } from './replay.service';

/** The replay's retry loop alone: `replay` (one attempt), the run repository and the metrics are fakes. */
function service(retryForMs: number, attempts: ((run: ReplayRun, s: ReplayService) => Promise<void>)[], prepare = async (run: ReplayRun) => run) {
  const config = { replay: { retryForMs, pageSize: 10, maxRowsPerSec: 0, stallMs: 1000 } } as unknown as AppConfig;
  const metrics = { runEnded: jest.fn() };
  const topics = { positionEvents: 'pe', poolEvents: 'po' } as unknown as TopicNames;
  const s = new ReplayService(config, {} as Pool, {} as Kafka, {} as AvroCodec, topics, metrics as unknown as AdminMetrics);
  const stored: ReplayRun = { id: '9', state: 'running', rowsProduced: 0, startedAt: null } as ReplayRun;
  const runs = { get: jest.fn(async () => ({ ...stored })), setState: jest.fn(async () => undefined) };
  const seen: ReplayRun[] = [];
  const internals = s as unknown as {
    runs: typeof runs;
    replay: (run: ReplayRun) => Promise<void>;
    replayRetrying: (run: ReplayRun) => Promise<void>;
    prepare: (run: ReplayRun) => Promise<ReplayRun>;
    control: string;
  };
  internals.runs = runs;
  internals.prepare = prepare;
  internals.replay = async (run) => {
    seen.push(run);
    const next = attempts.shift();
    if (!next) throw new Error('no more attempts expected');
    await next(run, s);
  };
  return { retrying: (run: ReplayRun) => internals.replayRetrying(run), runs, metrics, seen, stored, internals };
}

describe('ReplayService retrying a run', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('replays again after a failure, from the run as stored now, and does not mark it failed', async () => {
    const f = service(60_000, [async () => Promise.reject(new Error('broker gone')), async () => undefined]);
    f.stored.rowsProduced = 40; // the first attempt got 40 rows out before it failed
    await f.retrying({ id: '9', state: 'running', rowsProduced: 0, startedAt: null } as ReplayRun);
    expect(f.seen.map((r) => r.rowsProduced)).toEqual([0, 40]);
    expect(f.runs.get).toHaveBeenCalledTimes(1);
    expect(f.runs.setState).not.toHaveBeenCalled();
    expect(f.metrics.runEnded).not.toHaveBeenCalled();
  });

  it('marks the run failed, with the error, once it has failed for the retry window without progress', async () => {
    const f = service(0, [async () => Promise.reject(new Error('registry gone'))]);
    await f.retrying({ id: '9', state: 'running', rowsProduced: 0, startedAt: null } as ReplayRun);
    expect(f.seen).toHaveLength(1);
    expect(f.runs.setState).toHaveBeenCalledWith('9', 'failed', 'registry gone');
    expect(f.metrics.runEnded).toHaveBeenCalledWith('failed', null);
  });

  it('ends without a retry and without marking the run when the failure comes with a stop', async () => {
    const f = service(0, [
      async (_, s) => {
        (s as unknown as { control: string }).control = 'stop';
        throw new Error('producer disconnected');
      },
    ]);
    await f.retrying({ id: '9', state: 'running', rowsProduced: 0, startedAt: null } as ReplayRun);
    expect(f.seen).toHaveLength(1);
    expect(f.runs.setState).not.toHaveBeenCalled();
    expect(f.metrics.runEnded).not.toHaveBeenCalled();
  });

  it('fails the run with the reason, without a page, when the prepare phase cannot read block headers', async () => {
    const f = service(60_000, [], async () => {
      throw new BlockTimesUnavailableError(120, 20, new Error('HTTP request failed. Status: 503'));
    });
    await f.retrying({ id: '9', state: 'running', rowsProduced: 0, startedAt: null } as ReplayRun);
    expect(f.seen).toHaveLength(0);
    expect(f.runs.setState).toHaveBeenCalledWith(
      '9',
      'failed',
      'prepare: 100 of 120 source blocks have no block time and their headers could not be read: HTTP request failed. Status: 503',
    );
    expect(f.metrics.runEnded).toHaveBeenCalledWith('failed', null);
  });

  it('replays the run as the prepare phase left it (total and as-of time)', async () => {
    const f = service(60_000, [async () => undefined], async (run) => ({ ...run, rowsTotal: 77, asOfTime: 1_700_000_000 }));
    await f.retrying({ id: '9', state: 'running', rowsProduced: 0, startedAt: null, asOfTime: null } as ReplayRun);
    expect(f.seen.map((r) => [r.rowsTotal, r.asOfTime])).toEqual([[77, 1_700_000_000]]);
  });
});
