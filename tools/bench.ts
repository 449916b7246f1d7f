/**
 * `npm run bench`: a benchmark (a command that prints figures, not a timed test).
 *
 * On a dataset from the scenario generator (fresh Anvil, fresh lpe_bench_* database) it
 * measures, in one run: index rate, replay rows/s (admin app), step 1 events/s and RPC
 * calls per event (one pool-attribution instance), and one DB-only transform run through
 * the project's batch transport vs. the stock NestJS Kafka transport on the same topic;
 * the peak RSS of every process. Prints a table, writes artifacts/bench-<ts>.json and
 * artifacts/bench-latest.json. See docs/bench.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Pool } from 'pg';
import { createChainClient } from '@lib/chain';
import { loadConfig } from '@lib/config';
import { applyMigrations, createDatabaseIfMissing, createPool, dropDatabase, withDatabaseName } from '@lib/db';
import { createChainReaders, indexChain, manifestDexSources, manifestLastBlock, parseChainManifest } from '@lib/indexer';
import { createKafka, topicNames } from '@lib/kafka';
import { findStep, groupIdOf } from '@lib/pipeline';
import type { Admin } from 'kafkajs';
import { IMPLEMENTED_STEPS } from '../apps/enricher/src/steps/implemented-steps';
import { freePort, runScenario, startAnvil, type RunningAnvil } from '@lib/local-chain';
import { COPY_TABLES, createCopyTableSql, type TransportKind } from './bench/copy-table';
import { BenchProcess, RssSampler } from './bench/processes';
import { RpcCounter } from './bench/rpc-counter';

const USAGE = `Usage: npm run bench -- [options]

Options:
  --positions N    scenario positions (default 1500)
  --swaps N        scenario swaps (default 20000)
  --per-block N    scenario actions per block (default 200)
  --days N         chain time of the scenario (default 3)
  --seed N         scenario seed (default 1)
  --replay-page-size N  REPLAY_PAGE_SIZE of the admin app (default 5000, the app's own)
  --rounds N       runs of each transform (batch vs. stock), order alternating (default 2)
  --keep           keep the bench database (lpe_bench_*), topics and groups
  --help           this text`;

const ADMIN_TOKEN = `bench-${randomBytes(6).toString('hex')}`;
const BENCH_DATABASE_PREFIX = 'lpe_bench_';

interface Figure {
  figure: string;
  value: number;
  unit: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const round1 = (n: number) => round(n, 0);
const round3 = (n: number) => round(n, 3);
const mib = (bytes: number | undefined) => (bytes === undefined ? NaN : round(bytes / 2 ** 20, 0));

function log(line: string): void {
  console.error(`[bench] ${line}`);
}

function intArg(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

async function count(db: Pool, table: string): Promise<number> {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0].n as number;
}

async function checksum(db: Pool, table: string): Promise<string> {
  const { rows } = await db.query(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY id), '')) AS h FROM ${table} t`);
  return rows[0].h as string;
}

async function poll<T>(probe: () => Promise<T>, done: (v: T) => boolean, what: string, timeoutMs: number, everyMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      if (done(last)) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 1000)} ${lastError ? String(lastError) : ''}`);
    await sleep(everyMs);
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      positions: { type: 'string' },
      swaps: { type: 'string' },
      'per-block': { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      'replay-page-size': { type: 'string' },
      rounds: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const options = {
    positions: intArg('positions', values.positions, 1500),
    swaps: intArg('swaps', values.swaps, 20000),
    perBlock: intArg('per-block', values['per-block'], 200),
    days: intArg('days', values.days, 3),
    seed: intArg('seed', values.seed, 1),
  };
  const replayPageSize = intArg('replay-page-size', values['replay-page-size'], 5000);
  const rounds = Math.max(1, intArg('rounds', values.rounds, 2));
  const config = loadConfig();
  const startedAt = new Date();
  const load: { before: number[]; after?: number[] } = { before: loadavg() };
  const figures: Figure[] = [];
  const fig = (figure: string, value: number, unit: string) => figures.push({ figure, value, unit });
  const rss = new RssSampler(200);
  const raw: Record<string, unknown> = {};
  const processes: BenchProcess[] = [];
  const prefix = `bench${randomBytes(4).toString('hex')}.`;
  const topics = topicNames(prefix);
  const dbName = `${BENCH_DATABASE_PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const dbUrl = withDatabaseName(config.databaseUrl, dbName);
  let anvil: RunningAnvil | undefined;
  let rpc: RpcCounter | undefined;
  let db: Pool | undefined;
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    log('interrupted: cleaning up');
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const check = () => {
    if (interrupted) throw new Error('interrupted');
  };

  try {
    // 1. Dataset: scenario on a fresh Anvil, indexed into a fresh database.
    anvil = await startAnvil({ port: await freePort() });
    rss.watch('anvil', anvil.pid);
    log(`scenario on ${anvil.url}: ${options.positions} positions, ${options.swaps} swaps, ${options.perBlock}/block`);
    let t = now();
    const manifest = await runScenario({ rpcUrl: anvil.url, ...options });
    const scenarioSec = (now() - t) / 1000;
    raw.scenario = { counts: manifest.counts, seconds: round(scenarioSec, 2) };
    check();

    await createDatabaseIfMissing(dbUrl);
    db = createPool({ databaseUrl: dbUrl, applicationName: 'lp-bench' });
    await applyMigrations(db);
    log(`indexing into ${dbName}`);
    const chainManifest = parseChainManifest(JSON.stringify(manifest), 'scenario manifest');
    t = now();
    await indexChain({
      readers: createChainReaders(createChainClient(anvil.url)),
      db,
      dexes: manifestDexSources(chainManifest),
      toBlock: manifestLastBlock(chainManifest),
      window: 5000,
    });
    const indexSec = (now() - t) / 1000;
    const positionRows = await count(db, '"PositionEvent"');
    const poolRows = await count(db, '"PoolEvent"');
    fig('dataset: scenario transactions', manifest.counts.transactions, 'txs');
    fig('dataset: PositionEvent rows', positionRows, 'rows');
    fig('dataset: PoolEvent rows', poolRows, 'rows');
    fig('scenario generation', round(manifest.counts.transactions / scenarioSec, 0), 'tx/s');
    fig('indexing (chain -> source tables)', round((positionRows + poolRows) / indexSec, 0), 'rows/s');
    check();

    // 2a. Replay: the admin app from dist, start, until replay_run is 'replayed'.
    const adminPort = await freePort();
    const env: NodeJS.ProcessEnv = { DATABASE_URL: dbUrl, LP_NAME_PREFIX: prefix, ADMIN_TOKEN, ADMIN_PORT: String(adminPort), ANKR_HTTP_URL: '', FLARE_RPC_URL: anvil.url, REPLAY_PAGE_SIZE: String(replayPageSize) };
    const admin = BenchProcess.start('admin', 'dist/apps/admin/src/main.js', [], env);
    processes.push(admin);
    rss.watch('admin', admin.pid);
    await admin.waitFor(/listening on/);
    const adminUrl = `http://127.0.0.1:${adminPort}/api/admin/backfill`;
    log('replay: POST start');
    t = now();
    const res = await fetch(adminUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` }, body: JSON.stringify({ action: 'start', steps: ['pool-attribution'] }) });
    if (res.status !== 200) throw new Error(`POST start: ${res.status} ${await res.text()}`);
    const replayLatest = () => db!.query(`SELECT state, rows_produced::bigint AS produced, rows_total::bigint AS total, extract(epoch FROM finished_at - started_at)::float8 AS sec FROM replay_run ORDER BY started_at DESC LIMIT 1`).then((r) => r.rows[0]);
    const replay = await poll(replayLatest, (r) => r?.state === 'replayed' || r?.state === 'failed', 'replay state replayed', 600_000, 50);
    const replayWallSec = (now() - t) / 1000;
    if (replay.state !== 'replayed') throw new Error(`replay ${replay.state}:\n${admin.tail()}`);
    const produced = Number(replay.produced);
    raw.replay = { rowsProduced: produced, rowsTotal: Number(replay.total), dbSeconds: round(replay.sec, 3), wallSeconds: round(replayWallSec, 3) };
    fig('replay (admin app, DB -> Avro -> Kafka)', round(produced / replayWallSec, 0), 'rows/s');
    check();

    // 2b. Step 1 alone on the replayed topic: one pool-attribution instance, RPC through a counter.
    rpc = await RpcCounter.start(anvil.url);
    const stepEnv = { ...env, FLARE_RPC_URL: rpc.url, METRICS_PORT: String(await freePort()) };
    const tSpawn = now();
    const step = BenchProcess.start('pool-attribution', 'dist/apps/enricher/src/main.js', ['--step', 'pool-attribution'], stepEnv);
    processes.push(step);
    rss.watch('step pool-attribution', step.pid);
    await step.waitFor(/"instance"/);
    const tReady = now();
    const rpcAtReady = rpc.calls;
    log('step 1: consuming');
    const status = () => fetch(adminUrl).then((r) => r.json() as Promise<any>);
    // The first commit seen marks the end of the group join; the steady rate counts from there.
    let first: { at: number; committed: number } | undefined;
    const done = await poll(
      async () => {
        const s = await status();
        if (!first && s.steps?.[0]?.committed > 0) first = { at: now(), committed: s.steps[0].committed };
        return s;
      },
      (s) => s.steps?.[0]?.end > 0 && s.steps[0].lag === 0,
      'step 1 lag 0',
      600_000,
      100,
    );
    const tStepDone = now();
    const stepSec = (tStepDone - tReady) / 1000;
    const steady = first && tStepDone - first.at > 0 ? (done.steps[0].committed - first.committed) / ((tStepDone - first.at) / 1000) : NaN;
    const stepCalls = rpc.calls - rpcAtReady;
    raw.step1 = { status: done.steps[0], firstCommitSecondsAfterReady: first ? round((first.at - tReady) / 1000, 3) : null, steadyEventsPerSec: round(steady, 0), secondsFromReady: round(stepSec, 3), secondsFromSpawn: round((tStepDone - tSpawn) / 1000, 3), rpcCalls: stepCalls, rpcCallsTotal: rpc.calls, rpcByMethod: Object.fromEntries(rpc.byMethod), rpcHttpRequests: rpc.httpRequests };
    fig('step 1 pool-attribution, 1 instance (consuming -> lag 0)', round(positionRows / stepSec, 0), 'events/s');
    fig('step 1 pool-attribution, after the first commit', round(steady, 0), 'events/s');
    fig('step 1 startup (spawn -> consuming)', round((tReady - tSpawn) / 1000, 2), 's');
    fig('step 1 RPC calls per event', round(stepCalls / positionRows, 3), 'calls/event');

    // 2c. Every other implemented step alone on its (now complete) input topic, one at a time:
    // events/s from consuming to lag 0, RPC calls per event through the same counter.
    const pricingEnv = {
      LP_USD_STABLECOINS: manifest.tokens.filter((tk) => tk.role === 'stablecoin').map((tk) => tk.address).join(','),
      LP_WRAPPED_NATIVE: manifest.tokens.find((tk) => tk.role === 'wrapped-native')?.address ?? '',
    };
    const kadmin = createKafka(loadConfig()).admin();
    await kadmin.connect();
    const stepFigures: Record<string, unknown> = {};
    raw.steps = stepFigures;
    try {
      for (const name of IMPLEMENTED_STEPS.filter((n) => n !== 'pool-attribution')) {
        const def = findStep(name);
        const topic = topicNames(prefix)[def.input];
        const records = (await kadmin.fetchTopicOffsets(topic)).reduce((n, o) => n + Number(o.high) - Number(o.low), 0);
        const callsBefore = rpc.calls;
        const proc = BenchProcess.start(name, 'dist/apps/enricher/src/main.js', ['--step', name], { ...stepEnv, ...pricingEnv, METRICS_PORT: String(await freePort()) });
        processes.push(proc);
        rss.watch(`step ${name}`, proc.pid);
        await proc.waitFor(/"instance"/);
        const t0 = now();
        await poll(() => groupLag(kadmin, groupIdOf(def, prefix), topic), (lag) => lag === 0, `${name} lag 0`, 600_000, 100);
        const sec = (now() - t0) / 1000;
        const calls = rpc.calls - callsBefore;
        stepFigures[name] = { records, seconds: round(sec, 3), rpcCalls: calls };
        fig(`step ${name}, 1 instance (consuming -> lag 0)`, round(records / sec, 0), 'events/s');
        if (calls > 0) fig(`step ${name} RPC calls per event`, round(calls / records, 3), 'calls/event');
        await proc.stop();
      }
    } finally {
      await kadmin.disconnect();
    }
    await step.stop();
    await admin.stop();
    check();

    // 3. Batch vs. stock transport: the same DB-only copy of the pool-events topic, one process each, one after the other.
    for (const table of Object.values(COPY_TABLES)) await db.query(createCopyTableSql(table));
    // Rounds alternate the order (batch, stock | stock, batch | ...) so neither always runs on a warmer machine;
    // each run is a fresh process, a fresh consumer group and an emptied table; the figure is the mean.
    type Run = { round: number; recordsPerSec: number; seconds: number; secondsFromReady: number; startupSeconds: number; rows: number };
    const runs: Record<TransportKind, Run[]> = { batch: [], stock: [] };
    for (let roundNo = 1; roundNo <= rounds; roundNo++) {
      const order: TransportKind[] = roundNo % 2 === 1 ? ['batch', 'stock'] : ['stock', 'batch'];
      for (const kind of order) {
        await db.query(`TRUNCATE ${COPY_TABLES[kind]}`);
        const tStart = now();
        const p = BenchProcess.start(`${kind} transform`, `dist/tools/bench/${kind}-transform.js`, [], {
          ...env,
          BENCH_TOPIC: topics.poolEvents,
          BENCH_DLQ_TOPIC: topics.deadLetters,
          BENCH_GROUP: `${prefix}bench.${kind}.r${roundNo}`,
          BENCH_EXPECTED: String(poolRows),
        });
        processes.push(p);
        rss.watch(`${kind} transform`, p.pid);
        await p.waitFor(/BENCH_READY/);
        const tTransformReady = now();
        log(`round ${roundNo}/${rounds}, ${kind} transform: consuming ${topics.poolEvents}`);
        const m = await p.waitFor(/BENCH_DONE (\{.*\})/, 600_000);
        const result = JSON.parse(m[1]) as { records: number; firstAt: number; doneAt: number };
        const seconds = (result.doneAt - result.firstAt) / 1000;
        await p.stop();
        const run: Run = {
          round: roundNo,
          recordsPerSec: round1(result.records / seconds),
          seconds: round3(seconds),
          secondsFromReady: round3((result.doneAt - tTransformReady) / 1000),
          startupSeconds: round3((tTransformReady - tStart) / 1000),
          rows: await count(db, COPY_TABLES[kind]),
        };
        if (run.rows !== poolRows) throw new Error(`${kind} transform wrote ${run.rows} rows, expected ${poolRows}`);
        runs[kind].push(run);
        check();
      }
    }
    const same = (await checksum(db, COPY_TABLES.batch)) === (await checksum(db, COPY_TABLES.stock));
    if (!same) throw new Error('the batch and stock transforms wrote different tables');
    const mean = (xs: Run[]) => xs.reduce((a, r) => a + r.recordsPerSec, 0) / xs.length;
    const batchRate = mean(runs.batch);
    const stockRate = mean(runs.stock);
    raw.transform = { rounds: runs, tablesIdentical: same, partitionsConsumedConcurrently: 3 };
    fig(`DB-only copy, batch transport (eachBatch, 1 upsert/batch)${rounds > 1 ? `, mean of ${rounds}` : ''}`, round(batchRate, 0), 'records/s');
    fig(`DB-only copy, stock Nest Kafka transport (1 INSERT/message)${rounds > 1 ? `, mean of ${rounds}` : ''}`, round(stockRate, 0), 'records/s');
    fig('batch / stock ratio', round(batchRate / stockRate, 1), 'x');

    rss.stop();
    for (const [name, bytes] of rss.peak) fig(`peak RSS: ${name}`, mib(bytes), 'MiB');
    raw.rssPeakBytes = Object.fromEntries(rss.peak);
  } catch (err) {
    for (const p of processes) if (p.running) log(`${p.name} output:\n${p.tail(15)}`);
    throw err;
  } finally {
    rss.stop();
    for (const p of processes) await p.stop().catch(() => undefined);
    await rpc?.close().catch(() => undefined);
    await anvil?.stop().catch(() => undefined);
    await db?.end().catch(() => undefined);
    if (!values.keep) {
      await cleanupKafka(prefix).catch((e) => log(`cleanup of topics/groups failed: ${String(e)}`));
      await cleanupSubjects(config.schemaRegistryUrl, prefix).catch((e) => log(`cleanup of registry subjects failed: ${String(e)}`));
      await dropDatabase(dbUrl).catch((e) => log(`drop of ${dbName} failed: ${String(e)}`));
    } else {
      log(`kept database ${dbName}, topics and groups with prefix ${prefix}`);
    }
  }

  load.after = loadavg();
  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryMiB: mib(totalmem()), loadavg: load, node: process.version },
    options: { ...options, replayPageSize, rounds },
    prefix,
    database: values.keep ? dbName : `${dbName} (dropped)`,
    figures,
    raw,
  };
  mkdirSync('artifacts', { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = join('artifacts', `bench-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join('artifacts', 'bench-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  printTable(figures);
  console.log(`\nwritten: ${file}, artifacts/bench-latest.json`);
  return 0;
}

function printTable(figures: Figure[]): void {
  const w = Math.max(...figures.map((f) => f.figure.length), 6);
  const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 3 }));
  const vw = Math.max(...figures.map((f) => fmt(f.value).length), 5);
  console.log(`${'figure'.padEnd(w)}  ${'value'.padStart(vw)}  unit`);
  console.log(`${'-'.repeat(w)}  ${'-'.repeat(vw)}  ----------`);
  for (const f of figures) console.log(`${f.figure.padEnd(w)}  ${fmt(f.value).padStart(vw)}  ${f.unit}`);
}

/** Records of `topic` a group has not committed yet (a partition it never committed counts whole). */
async function groupLag(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const high = await admin.fetchTopicOffsets(topic);
  return high.reduce((lag, p) => {
    const committed = Number(offsets?.partitions.find((c) => c.partition === p.partition)?.offset ?? -1);
    return lag + Number(p.high) - (committed < 0 ? Number(p.low) : committed);
  }, 0);
}

async function cleanupKafka(prefix: string): Promise<void> {
  const admin = createKafka(loadConfig()).admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    if (groups.length) await admin.deleteGroups(groups).catch((e) => log(`deleteGroups: ${String(e)}`));
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

/** The admin app registered `<prefix><topic>-value` subjects: soft-delete, then permanently delete them. */
async function cleanupSubjects(registryUrl: string, prefix: string): Promise<void> {
  const subjects = (await (await fetch(`${registryUrl}/subjects`)).json()) as string[];
  for (const s of subjects.filter((x) => x.startsWith(prefix))) {
    const url = `${registryUrl}/subjects/${encodeURIComponent(s)}`;
    await fetch(url, { method: 'DELETE' });
    await fetch(`${url}?permanent=true`, { method: 'DELETE' });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
