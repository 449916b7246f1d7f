/**
 * `npm run backfill` without a subcommand: the main job, end to end, on the local stack.
 *
 *  1. the stack up (Kafka, registry, PostgreSQL schema);
 *  2. without a production RPC: a local chain with a generated history (once; it stays up),
 *     indexed into the database, with its reward inputs imported;
 *  3. the admin app and one service per implemented step, started detached, and listed for
 *     the local Prometheus (file-based discovery: prometheus-targets.ts);
 *  4. a replay started through the admin API, followed until every step is complete;
 *  5. a summary of what was enriched. The services stay up for the API and Kafka UI;
 *     `npm run backfill -- down` stops them and the chain.
 *
 * It composes the project's own commands (stack, chain, scenario, index, import-inputs) so
 * each thing is done one way.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@lib/config';
import { createPool, redactPassword } from '@lib/db';
import { STEP_NAMES } from '@lib/pipeline';
import { logFile, runningPid, startDetached, stopService } from '../lib/service-supervisor';
import { AdminApiError, AdminClient, adminToken, LOCAL_TOKEN_FILE } from './admin-client';
import { formatDuration } from '../cli';
import { follow } from './follow';
import { clearTargets, writeTargets } from './prometheus-targets';
import { summaryReport } from './status-view';

const ROOT = join(__dirname, '..', '..', '..');
const STACK = join(ROOT, '.stack');
const MANIFEST = join(STACK, 'scenario-manifest.json');

export interface RunAllOptions {
  /** --positions/--swaps/--days/--seed for the scenario, already checked. */
  scenarioArgs: string[];
  /** The shape the local history is indexed in (docs/indexer.md, *Two shapes*). */
  shape: 'full' | 'production';
  steps: readonly string[];
  stopAfter: boolean;
}

function node(script: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  // The child's environment: ours with `env` on top (a child reads its settings through its own loadConfig()).
  // eslint-disable-next-line no-restricted-properties -- passes the environment through to a child process; it reads its settings with its own loadConfig()
  execFileSync(process.execPath, [join(ROOT, 'dist', 'tools', script), ...args], { stdio: 'inherit', cwd: ROOT, env: { ...process.env, ...env } });
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}',
      signal: AbortSignal.timeout(2000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** The token of the local admin app: ADMIN_TOKEN, else the one kept in .stack/admin-token (made once). */
function localAdminToken(): string {
  const existing = adminToken();
  if (existing) return existing;
  const token = randomBytes(16).toString('hex');
  mkdirSync(STACK, { recursive: true });
  writeFileSync(LOCAL_TOKEN_FILE, token, { mode: 0o600 });
  return token;
}

/** Local history: the chain (started and filled once), indexed, inputs imported. Returns env for the services. */
async function prepareLocalHistory(rpcUrl: string, scenarioArgs: string[], shape: RunAllOptions['shape']): Promise<NodeJS.ProcessEnv> {
  if (!(await answers(rpcUrl))) {
    console.log(`\n== local chain: starting Anvil at ${rpcUrl} and generating the history`);
    node('chain.js', ['--detach']);
    node('scenario.js', ['--rpc', rpcUrl, '--out', MANIFEST, ...scenarioArgs]);
  } else if (!existsSync(MANIFEST)) {
    throw new Error(`a chain answers at ${rpcUrl} but ${MANIFEST} is missing; stop that chain (npm run chain -- --stop) and run again`);
  } else {
    console.log(`\n== local chain: running at ${rpcUrl} (history from ${MANIFEST})`);
  }
  const indexed = await indexedShape();
  if (indexed !== undefined && indexed !== shape)
    throw new Error(
      `the database already holds the ${indexed} shape of the history; run with --shape ${indexed}, or drop the database (DATABASE_URL; npm run backfill creates and migrates it again) for --shape ${shape}`,
    );
  console.log(`\n== indexing the chain into the database in the ${shape} shape (resumes; idempotent)`);
  node('index-chain.js', ['--manifest', MANIFEST, '--shape', shape]);
  node('import-inputs.js', ['--manifest', MANIFEST]);
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as {
    tokens: { address: string; role: string }[];
    dexes: { id: string; positionManager: string }[];
  };
  return {
    // The local managers' DEX names, as Flare's two are known by address: production-shape rows name no DEX.
    LP_DEX_MANAGERS: manifest.dexes.map((d) => `${d.id}=${d.positionManager}`).join(','),
    LP_USD_STABLECOINS: manifest.tokens
      .filter((t) => t.role === 'stablecoin')
      .map((t) => t.address)
      .join(','),
    LP_WRAPPED_NATIVE: manifest.tokens.find((t) => t.role === 'wrapped-native')?.address ?? '',
    FLARE_RPC_URL: rpcUrl,
  };
}

/**
 * The shape of the history already in the database (undefined: none indexed): the full shape
 * writes a MINT row for every mint, the production shape none. Indexing the other shape over it
 * would leave a mix of both.
 */
async function indexedShape(): Promise<'full' | 'production' | undefined> {
  const pool = createPool({ databaseUrl: loadConfig().databaseUrl, applicationName: 'backfill' });
  try {
    const { rows } = await pool.query<{ rows: boolean; mints: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM "PositionEvent") AS rows, EXISTS (SELECT 1 FROM "PositionEvent" WHERE "eventType" = 'MINT') AS mints`,
    );
    return !rows[0].rows ? undefined : rows[0].mints ? 'full' : 'production';
  } finally {
    await pool.end();
  }
}

async function waitForAdmin(client: AdminClient): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await client.status();
      return;
    } catch (err) {
      if (!(err instanceof AdminApiError) || Date.now() > deadline)
        throw new Error(`the admin app did not answer within 60 s (log: ${logFile('admin')}): ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Stops the admin app and every step service this command started (and unlists them for Prometheus), then the local chain. */
export async function down(): Promise<number> {
  for (const name of ['admin', ...STEP_NAMES]) if (await stopService(name)) console.log(`stopped ${name}`);
  clearTargets();
  node('chain.js', ['--stop']);
  return 0;
}

export async function runAll(options: RunAllOptions): Promise<number> {
  const started = Date.now();
  console.log('== local stack');
  execFileSync('bash', [join(ROOT, 'infra', 'stack.sh'), 'up'], { stdio: 'inherit', cwd: ROOT });
  // `up` on a running stack does nothing, so migrations added since are applied here.
  node('db-migrate.js', []);

  const config = loadConfig();
  const production = config.rpcConfigured;
  const extraEnv = production ? {} : await prepareLocalHistory(config.rpcUrl, options.scenarioArgs, options.shape);

  const token = localAdminToken();
  const env = { ...extraEnv, ADMIN_TOKEN: token };
  const adminUrl = `http://127.0.0.1:${config.adminPort}`;
  console.log(`\n== services: admin app and ${STEP_NAMES.length} step service(s) (logs in .stack/services/)`);
  const admin = startDetached({ name: 'admin', script: 'dist/apps/admin/src/main.js', args: [], env });
  console.log(`   admin              pid ${admin.pid}${admin.started ? '' : ' (already running)'}  ${adminUrl}/api/admin/backfill`);
  STEP_NAMES.forEach((name, i) => {
    const s = startDetached({ name, script: 'dist/apps/enricher/src/main.js', args: ['--step', name], env: { ...env, METRICS_PORT: String(9464 + i) } });
    console.log(`   ${name.padEnd(18)} pid ${s.pid}${s.started ? '' : ' (already running)'}  metrics http://127.0.0.1:${9464 + i}/metrics`);
  });
  writeTargets({ adminPort: config.adminPort, steps: STEP_NAMES.map((name, i) => ({ name, metricsPort: 9464 + i })) });
  console.log(`   prometheus targets: .stack/prometheus/targets/ (the stack's Prometheus scrapes them when installed)`);
  const client = new AdminClient(adminUrl, token);
  await waitForAdmin(client);

  const latest = await client.status();
  if (!latest.running) await client.act('start', [...options.steps]);
  console.log('\n== backfill');
  const { status, interrupted, followedMs } = await follow(client);
  const counts = await client.counts().catch(() => undefined);
  console.log(`\n${summaryReport(status, counts, { elapsedMs: followedMs, adminUrl, database: redactPassword(config.databaseUrl) })}`);
  console.log(`total time with the stack, the chain and indexing: ${formatDuration(Date.now() - started)}`);

  if (options.stopAfter && !interrupted) {
    for (const name of ['admin', ...STEP_NAMES]) await stopService(name);
    clearTargets();
    console.log('\nservices stopped (the local chain and the stack stay up: npm run backfill -- down; npm run stack -- down)');
  } else {
    console.log(
      `\nservices keep running (token in .stack/admin-token); stop them with: npm run backfill -- down   (and the stack with: npm run stack -- down)`,
    );
    if (runningPid('admin') === undefined) console.warn(`the admin app is not running; see ${logFile('admin')}`);
  }
  return interrupted ? 130 : status.state === 'completed' ? 0 : 1;
}
