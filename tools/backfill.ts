/**
 * `npm run backfill`: the main job, end to end, on the local default stack.
 *
 *  1. the stack up (Kafka, registry, PostgreSQL schema);
 *  2. without a production RPC: a local chain with a generated history (once; it stays up),
 *     indexed into the database, with its reward inputs imported;
 *  3. the admin app and one service per implemented step, started detached;
 *  4. a replay started through the admin API, progress shown until every step's lag is 0;
 *  5. a summary of what was enriched. The services stay up for the API and Kafka UI;
 *     `npm run backfill -- --down` stops them and the chain.
 *
 * It composes the project's own commands (stack, chain, scenario, index, import-inputs) so
 * each thing is done one way.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MultiBar, Presets } from 'cli-progress';
import { Pool } from 'pg';
import { loadConfig } from '@lib/config';
import { STEPS } from '@lib/pipeline';
import { IMPLEMENTED_STEPS } from '../apps/enricher/src/steps/implemented-steps';
import { logFile, runningPid, startDetached, stopService } from './lib/service-supervisor';

const ROOT = join(__dirname, '..', '..');
const STACK = join(ROOT, '.stack');
const MANIFEST = join(STACK, 'scenario-manifest.json');
const TOKEN_FILE = join(STACK, 'admin-token');

const USAGE = `Usage: npm run backfill -- [options]

Runs the whole backfill on the local stack and prints what was enriched.

Options:
  --positions N --swaps N --days N --seed N
                 size of the generated history (first run only; see npm run scenario -- --help)
  --stop-after   stop the admin app and the step services when done
  --down         stop the admin app, the step services and the local chain, then exit
  --help         show this help

Without ANKR_HTTP_URL / FLARE_RPC_URL the history comes from a local chain running the
real Uniswap V3 contracts; with them, the rows already in DATABASE_URL are replayed.`;

function node(script: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  execFileSync(process.execPath, [join(ROOT, 'dist', 'tools', script), ...args], { stdio: 'inherit', cwd: ROOT, env: { ...process.env, ...env } });
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}', signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

function adminToken(): string {
  if (process.env.ADMIN_TOKEN) return process.env.ADMIN_TOKEN;
  if (existsSync(TOKEN_FILE)) return readFileSync(TOKEN_FILE, 'utf8').trim();
  const token = randomBytes(16).toString('hex');
  mkdirSync(STACK, { recursive: true });
  writeFileSync(TOKEN_FILE, token, { mode: 0o600 });
  return token;
}

/** Local history: the chain (started and filled once), indexed, inputs imported. Returns env for the services. */
async function prepareLocalHistory(rpcUrl: string, scenarioArgs: string[]): Promise<NodeJS.ProcessEnv> {
  if (!(await answers(rpcUrl))) {
    console.log(`\n== local chain: starting Anvil at ${rpcUrl} and generating the history`);
    node('chain.js', ['--detach']);
    node('scenario.js', ['--rpc', rpcUrl, '--out', MANIFEST, ...scenarioArgs]);
  } else if (!existsSync(MANIFEST)) {
    throw new Error(`a chain answers at ${rpcUrl} but ${MANIFEST} is missing; stop that chain (npm run chain -- --stop) and run again`);
  } else {
    console.log(`\n== local chain: running at ${rpcUrl} (history from ${MANIFEST})`);
  }
  console.log('\n== indexing the chain into the database (resumes; idempotent)');
  node('index-chain.js', ['--manifest', MANIFEST]);
  node('import-inputs.js', ['--manifest', MANIFEST]);
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { tokens: { address: string; role: string }[] };
  return {
    LP_USD_STABLECOINS: manifest.tokens.filter((t) => t.role === 'stablecoin').map((t) => t.address).join(','),
    LP_WRAPPED_NATIVE: manifest.tokens.find((t) => t.role === 'wrapped-native')?.address ?? '',
    FLARE_RPC_URL: rpcUrl,
  };
}

async function api(path: string, token: string, body?: unknown): Promise<any> {
  const { adminPort } = loadConfig();
  const res = await fetch(`http://127.0.0.1:${adminPort}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${json.message ?? JSON.stringify(json)}`);
  return json;
}

async function waitForAdmin(token: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await api('/api/admin/backfill', token);
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`the admin app did not answer within 60 s (log: ${logFile('admin')}): ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Polls the status and draws one bar for the replay and one per step until every step is complete. */
async function follow(token: string): Promise<any> {
  const tty = process.stdout.isTTY;
  const bars = tty ? new MultiBar({ format: ' {name} |{bar}| {value}/{total} {extra}', hideCursor: true, clearOnComplete: false }, Presets.shades_classic) : undefined;
  const rows = new Map<string, ReturnType<MultiBar['create']>>();
  let lastLine = 0;
  for (;;) {
    const s = await api('/api/admin/backfill', token);
    const lines: [string, number, number, string][] = [
      ['replay'.padEnd(20), s.replay.rowsProduced, Math.max(1, s.replay.rowsTotal), s.state],
      ...s.steps.map((st: any) => [st.name.padEnd(20), st.committed, Math.max(1, st.end), `lag ${st.lag} · ${st.ratePerSec}/s · ${st.instances} inst · dlq ${st.dlq}${st.lastError ? ` · ${st.lastError.slice(0, 60)}` : ''}`] as [string, number, number, string]),
    ];
    if (bars) {
      for (const [name, value, total, extra] of lines) {
        const bar = rows.get(name) ?? rows.set(name, bars.create(total, value, { name, extra })).get(name)!;
        bar.setTotal(total);
        bar.update(value, { name, extra });
      }
    } else if (Date.now() - lastLine > 5000) {
      lastLine = Date.now();
      console.log(lines.map(([n, v, t]) => `${n.trim()} ${v}/${t}`).join(' · '));
    }
    if (s.state === 'completed' || s.state === 'failed') {
      bars?.stop();
      return s;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function summary(status: any, seconds: number): Promise<void> {
  const pool = new Pool({ connectionString: loadConfig().databaseUrl });
  const count = async (sql: string) => {
    try {
      return Number((await pool.query(sql)).rows[0].n);
    } catch {
      return undefined; // a step's table that does not exist yet
    }
  };
  const facts: [string, number | undefined][] = [
    ['position events', await count('SELECT count(*) AS n FROM "PositionEvent"')],
    ['pool events', await count('SELECT count(*) AS n FROM "PoolEvent"')],
    ["position events with pool 'unknown' left", await count(`SELECT count(*) AS n FROM "PositionEvent" WHERE pool = 'unknown'`)],
    ['positions attributed (manager, token id)', await count('SELECT count(*) AS n FROM position_registry')],
    ['COLLECT events with a USD value', await count(`SELECT count(*) AS n FROM "PositionEvent" WHERE "eventType" = 'COLLECT' AND "usdValue" IS NOT NULL`)],
    ['COLLECT events without a USD value', await count(`SELECT count(*) AS n FROM "PositionEvent" WHERE "eventType" = 'COLLECT' AND "usdValue" IS NULL`)],
    ['dead letters (records the steps refused)', await count('SELECT count(*) AS n FROM dead_letter')],
  ];
  await pool.end();
  console.log(`\n== backfill ${status.state} in ${seconds.toFixed(1)} s (run ${status.runId}, ${status.replay.rowsProduced} rows replayed)`);
  for (const st of status.steps) console.log(`   ${st.title.padEnd(22)} ${String(st.committed).padStart(8)} records  ${st.state}${st.dlq ? `  (${st.dlq} to the DLQ)` : ''}`);
  console.log('\n== what is enriched');
  for (const [label, n] of facts) if (n !== undefined) console.log(`   ${label.padEnd(44)} ${n}`);
}

async function down(): Promise<void> {
  for (const name of ['admin', ...STEPS.map((s) => s.name)]) if (await stopService(name)) console.log(`stopped ${name}`);
  node('chain.js', ['--stop']);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      positions: { type: 'string' }, swaps: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' },
      'stop-after': { type: 'boolean', default: false }, down: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  if (values.down) return down();

  const started = Date.now();
  console.log('== local stack');
  execFileSync('bash', [join(ROOT, 'infra', 'stack.sh'), 'up'], { stdio: 'inherit', cwd: ROOT });
  // `up` on a running stack does nothing, so migrations added since are applied here.
  node('db-migrate.js', []);

  const config = loadConfig();
  const production = Boolean(process.env.ANKR_HTTP_URL || process.env.FLARE_RPC_URL);
  const scenarioArgs = (['positions', 'swaps', 'days', 'seed'] as const).flatMap((k) => (values[k] ? [`--${k}`, values[k]!] : []));
  const extraEnv = production ? {} : await prepareLocalHistory(config.rpcUrl, scenarioArgs);

  const token = adminToken();
  const env = { ...extraEnv, ADMIN_TOKEN: token };
  console.log(`\n== services: admin app and ${IMPLEMENTED_STEPS.length} step service(s) (logs in .stack/services/)`);
  const admin = startDetached({ name: 'admin', script: 'dist/apps/admin/src/main.js', args: [], env });
  console.log(`   admin            pid ${admin.pid}${admin.started ? '' : ' (already running)'}  http://127.0.0.1:${config.adminPort}/api/admin/backfill`);
  IMPLEMENTED_STEPS.forEach((name, i) => {
    const s = startDetached({ name, script: 'dist/apps/enricher/src/main.js', args: ['--step', name], env: { ...env, METRICS_PORT: String(9464 + i) } });
    console.log(`   ${name.padEnd(16)} pid ${s.pid}${s.started ? '' : ' (already running)'}  metrics http://127.0.0.1:${9464 + i}/metrics`);
  });
  await waitForAdmin(token);

  const latest = await api('/api/admin/backfill', token);
  if (!latest.running) await api('/api/admin/backfill', token, { action: 'start', steps: IMPLEMENTED_STEPS });
  console.log('\n== backfill');
  const done = await follow(token);
  await summary(done, (Date.now() - started) / 1000);

  if (values['stop-after']) {
    for (const name of ['admin', ...IMPLEMENTED_STEPS]) await stopService(name);
    console.log('\nservices stopped (the local chain and the stack stay up: npm run backfill -- --down; npm run stack -- down)');
  } else {
    console.log(`\nservices keep running: API http://127.0.0.1:${config.adminPort}/api/admin/backfill (token in .stack/admin-token), docs /api/docs`);
    console.log('stop them with: npm run backfill -- --down   (and the stack with: npm run stack -- down)');
  }
  if (done.state !== 'completed') process.exitCode = 1;
  if (runningPid('admin') === undefined && !values['stop-after']) console.warn(`the admin app is not running; see ${logFile('admin')}`);
}

main().catch((err) => {
  console.error(`backfill: ${(err as Error).message}`);
  process.exit(1);
});
