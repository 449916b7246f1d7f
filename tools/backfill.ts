/**
 * `npm run backfill`: without a subcommand, the whole job on the local stack (run-all.ts);
 * with one, start / stop / pause / resume / reset / status of a backfill through a running
 * admin app's API (the dashboard's API; nothing else reads progress).
 */
import { loadConfig } from '@lib/config';
import { STEP_NAMES, STEPS } from '@lib/pipeline';
import { defineCommand, httpUrl, namesFrom, optionalInteger, positiveNumber, runCommand, UsageError, type ValuesOf } from './cli';
import { AdminClient, adminToken } from './backfill/admin-client';
import { follow } from './backfill/follow';
import { statusReport, summaryReport } from './backfill/status-view';

const COMMAND = defineCommand({
  name: 'backfill',
  synopsis: [
    'npm run backfill [-- --positions N --swaps N --days N --seed N --shape full|production --steps LIST --stop-after]',
    'npm run backfill -- status [--follow | --json] [--admin-url URL]',
    'npm run backfill -- start [--steps LIST] [--follow] [--admin-url URL]',
    'npm run backfill -- stop | pause | resume | reset [--steps LIST] [--admin-url URL]',
    'npm run backfill -- down',
  ],
  summary: `Without a command: brings the local stack up, generates and indexes a history on a local
chain (first run only; with ANKR_HTTP_URL / FLARE_RPC_URL the rows already in DATABASE_URL
are replayed instead), starts the admin app and one service per step, runs the backfill to
the end with progress bars and prints what was enriched. The services stay up.

The commands talk to a running admin app (--admin-url) through /api/admin/backfill.`,
  subcommands: {
    status: 'one line per step: progress bar (committed/end), lag, rate, instances, DLQ',
    start: 'start a run (or resume a stopped one from its cursor)',
    stop: 'stop the replay at the next page; start resumes it',
    pause: 'hold the replay; steps keep consuming what is on the topics',
    resume: 'continue a paused replay',
    reset: "move the steps' group offsets back to the run's start (their services must be stopped)",
    down: 'stop the admin app, the step services and the local chain that `npm run backfill` started',
  },
  options: {
    'admin-url': { type: 'string', value: 'URL', help: 'the admin app (default http://127.0.0.1:$ADMIN_PORT, i.e. :3000)' },
    steps: {
      type: 'string',
      value: 'LIST',
      multiple: true,
      help: `steps for run/start/reset, comma-separated or repeated (default: every step the build\nimplements; known: ${STEPS.map((s) => s.name).join(', ')})`,
    },
    follow: { type: 'boolean', default: false, help: 'status/start/resume: show progress until the run ends, then the summary' },
    json: { type: 'boolean', default: false, help: "status: print the API's JSON instead of the table" },
    positions: { type: 'string', value: 'N', help: 'run: size of the generated history (first run only; see npm run scenario -- --help)' },
    swaps: { type: 'string', value: 'N', help: 'run: swaps of the generated history' },
    days: { type: 'string', value: 'N', help: 'run: chain time of the generated history' },
    seed: { type: 'string', value: 'N', help: 'run: seed of the generated history' },
    shape: {
      type: 'string',
      value: 'full|production',
      help: `run: how the local history is indexed: production (default; the rows\nproduction's database holds, repaired by the replay) or full (docs/indexer.md)`,
    },
    'stop-after': { type: 'boolean', default: false, help: 'run: stop the admin app and the step services when done' },
  },
  env: {
    ADMIN_TOKEN: 'bearer token for start/stop/pause/resume/reset (default: .stack/admin-token, kept by the run)',
    ADMIN_PORT: 'port of the local admin app (default 3000)',
    DATABASE_URL: 'run: source rows and results (default postgres://postgres@127.0.0.1:5432/lp_enrichment)',
    ANKR_HTTP_URL: 'run: a production chain RPC (FLARE_RPC_URL too); without one a local chain is used',
    '(others)': "run: every variable of the README's configuration table is passed on to the services",
  },
  notes: `Progress (stderr): bars on a terminal, a line per step every 5 s otherwise. Summary (stdout):
records per step, rates, what is enriched, where the results are. Exit codes: 0 done (run,
--follow: completed), 1 error or run not completed, 2 bad arguments.`,
  examples: [
    'npm run backfill                                        # everything, on the local stack',
    'npm run backfill -- --shape full                        # the local history indexed in the full shape',
    'npm run backfill -- status                              # where the running backfill is',
    'npm run backfill -- start --steps pool-attribution,fees-usd --follow',
    'ADMIN_TOKEN=… npm run backfill -- stop --admin-url http://10.0.0.5:3000',
    'npm run backfill -- down && npm run stack -- down',
  ],
});

type Values = ValuesOf<typeof COMMAND>;

/** Options that only make sense for some commands: refused elsewhere rather than ignored. */
const ONLY_FOR: Record<string, readonly string[]> = {
  'admin-url': ['status', 'start', 'stop', 'pause', 'resume', 'reset'],
  steps: ['run', 'start', 'reset'],
  follow: ['status', 'start', 'resume'],
  json: ['status'],
  positions: ['run'],
  swaps: ['run'],
  days: ['run'],
  seed: ['run'],
  shape: ['run'],
  'stop-after': ['run'],
};

function checkApplicable(command: string, values: Values): void {
  for (const [option, commands] of Object.entries(ONLY_FOR)) {
    const v = (values as Record<string, unknown>)[option];
    if (v !== undefined && v !== false && !commands.includes(command))
      throw new UsageError(`--${option} does not apply to ${command === 'run' ? 'the full run' : command} (only to ${commands.join(', ')})`);
  }
  if (values.follow && values.json) throw new UsageError('give --follow or --json, not both');
}

async function followAndSummarize(client: AdminClient): Promise<number> {
  const { status, interrupted, followedMs } = await follow(client);
  const counts = await client.counts().catch(() => undefined);
  console.log(summaryReport(status, counts, { elapsedMs: followedMs, adminUrl: client.baseUrl }));
  return interrupted ? 130 : status.state === 'completed' ? 0 : 1;
}

async function main(command: string, values: Values): Promise<number> {
  checkApplicable(command, values);
  if (command === 'run' || command === 'down') {
    // Loaded only here: status/--help need none of it.
    const { down, runAll } = await import('./backfill/run-all');
    if (command === 'down') return down();
    const steps = namesFrom('--steps', values.steps, STEP_NAMES);
    const scenarioArgs = (['positions', 'swaps', 'seed'] as const).flatMap((k) =>
      values[k] === undefined ? [] : [`--${k}`, String(optionalInteger(`--${k}`, values[k]))],
    );
    if (values.days !== undefined) scenarioArgs.push('--days', String(positiveNumber('--days', values.days)));
    const shape = values.shape ?? 'production';
    if (shape !== 'full' && shape !== 'production') throw new UsageError(`--shape must be full or production, got ${JSON.stringify(shape)}`);
    return runAll({ scenarioArgs, shape, steps: steps ?? STEP_NAMES, stopAfter: values['stop-after'] });
  }
  const steps = namesFrom('--steps', values.steps, STEP_NAMES);

  const config = loadConfig();
  const client = new AdminClient(
    values['admin-url'] === undefined ? `http://127.0.0.1:${config.adminPort}` : httpUrl('--admin-url', values['admin-url']),
    adminToken(config),
  );
  if (command === 'status') {
    if (values.follow) return followAndSummarize(client);
    const status = await client.status();
    console.log(values.json ? JSON.stringify(status, null, 2) : statusReport(status));
    return 0;
  }
  const action = command as 'start' | 'stop' | 'pause' | 'resume' | 'reset';
  const result = await client.act(action, action === 'start' || action === 'reset' ? steps : undefined);
  console.log(`backfill: ${result.message}`);
  if (values.follow) return followAndSummarize(client);
  console.log(statusReport(result.status));
  return 0;
}

runCommand(COMMAND, ({ subcommand, values }) => main(subcommand ?? 'run', values));
