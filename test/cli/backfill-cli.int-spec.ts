import { freePort } from '@lib/local-chain';
import { ADMIN_TOKEN, PipelineFixture } from '../support/pipeline-fixture';
import { runTool } from '../support/run-tool';

/**
 * `npm run backfill -- start|stop|pause|resume|status` against a real admin app and step
 * service on the shared stack: what a person types and reads, through the admin API.
 */
describe('backfill subcommands', () => {
  let f: PipelineFixture;
  let url: string;
  const backfill = (args: string[], env: NodeJS.ProcessEnv = {}) => runTool('backfill', [...args, '--admin-url', url], { ADMIN_TOKEN, ...env });

  beforeAll(async () => {
    f = await PipelineFixture.create();
    // Slow enough that pause finds the replay still running (the shared chain's ~800 rows take ~55 s).
    f.extraEnv = { REPLAY_PAGE_SIZE: '20', REPLAY_MAX_ROWS_PER_SEC: '15' };
    await f.startAdmin();
    await f.startStep('pool-attribution');
    url = `http://127.0.0.1:${f.adminPort}`;
  });

  afterAll(async () => {
    await f?.close();
  });

  it('status before any run says so', async () => {
    const r = await backfill(['status']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('backfill: no run yet (start one: npm run backfill -- start)');
  });

  it('refuses actions without the right token, in one line, exit 1', async () => {
    const r = await backfill(['pause'], { ADMIN_TOKEN: 'wrong' });
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'backfill: the admin app refused the token (401): set ADMIN_TOKEN to the token it was started with\n' });
  });

  it('start, pause, resume and start --follow to the end, with progress lines and a summary', async () => {
    const started = await backfill(['start', '--steps', 'pool-attribution']);
    expect(started.code).toBe(0);
    expect(started.stdout).toMatch(/^backfill: Backfill started \(run (\d+)\)\n/);

    const paused = await backfill(['pause']);
    expect(paused.stdout).toMatch(/^backfill: Backfill paused/);
    expect(paused.stdout).toMatch(/^backfill paused, run \d+/m);
    expect((await backfill(['resume'])).stdout).toMatch(/^backfill: Backfill resumed/);

    const second = await backfill(['start']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/^backfill: 409 /);

    const followed = await backfill(['status', '--follow']);
    expect(followed.code).toBe(0);
    expect(followed.stderr).toMatch(/^\[backfill\] replay (\d+)\/\1 \(100%\) rows · completed$/m);
    expect(followed.stderr).toMatch(/^\[backfill\] pool-attribution (\d+)\/\1 \(100%\) complete · dlq 0$/m);
    const summary = followed.stdout.split('\n');
    expect(summary[0]).toMatch(/^== backfill completed after .* \(run \d+\): [\d,]+ rows replayed, 1\/1 steps complete, 0 dead letter\(s\)$/);
    expect(followed.stdout).toMatch(/^ {3}Pool Attribution\s+[\d,]+\s+[\d,]+ rec\/s\s+0\s+complete$/m);
    expect(followed.stdout).toMatch(/position events with pool 'unknown' left\s+0$/m);
    expect(followed.stdout).toContain(`${url}/api/admin/backfill`);
  });

  it('status prints one line per step: bar, committed/end, lag, rate, instances, DLQ, state', async () => {
    const api = await f.status();
    const r = await backfill(['status']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^backfill completed, run ${api.runId} since .* · steps complete 1/1$`));
    const [attribution] = api.steps;
    const n = attribution.end.toLocaleString('en-US');
    expect(lines[3]).toMatch(new RegExp(`^pool-attribution\\s+█{20} 100%\\s+${n}/${n}\\s+0\\s+\\d+/s\\s+1\\s+0\\s+complete$`));
    expect(lines).toHaveLength(4);
    const json = await backfill(['status', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ runId: api.runId, state: 'completed' });
  });

  it('says where no admin app answers, exit 1', async () => {
    const r = await runTool('backfill', ['status', '--admin-url', `http://127.0.0.1:${await freePort()}`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^backfill: no admin app answers at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\); start one/);
  });
});
