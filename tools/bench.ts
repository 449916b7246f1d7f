/**
 * `npm run bench`: a benchmark (a command that prints figures, not a timed test).
 *
 * On a dataset (default: the scenario generator on a fresh Anvil, indexed into a fresh
 * lpe_bench_* database) it measures in one run: replay rows/s (admin app) against Kafka's
 * own ProducerPerformance; every step alone with 1 and then 2 instances (events/s, RPC
 * calls per event, its sink against PostgreSQL COPY of the same rows); step 7 against a
 * sequential loop of the same transform; the project's batch transport against the stock
 * NestJS Kafka transport; the peak RSS of every process; where each target of issue 8
 * stands. Prints the tables, writes artifacts/bench-<ts>.json and
 * artifacts/bench-latest.json. See docs/bench.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Pool } from 'pg';
import { loadConfig } from '@lib/config';
import { dropDatabase, withDatabaseName } from '@lib/db';
import { createKafka, topicNames } from '@lib/kafka';
import { findStep, groupIdOf, STEP_NAMES, stepResults, STEPS } from '@lib/pipeline';
import { measureEndToEnd, type EndToEndMeasurement } from './bench/end-to-end';
import { cleanupKafka, cleanupSubjects, deleteGroup } from './bench/kafka-admin';
import { parseBenchOptions, USAGE, type BenchOptions } from './bench/options';
import { copyTablesThrough } from './bench/pg-copy';
import { BenchProcess, RssSampler } from './bench/processes';
import { measureProducerBaseline, type ProducerBaseline } from './bench/producer-perf';
import { measureReplay } from './bench/replay-run';
import { formatFigures, ratio, roundTo, type Figure } from './bench/report-format';
import { RpcCounter } from './bench/rpc-counter';
import { leftOutLine, selectStepsFor } from './bench/dataset-coverage';
import type { PreparedDataset } from './bench/prepared-dataset';
import { prepareScaleDataset } from './bench/scale-dataset';
import { prepareScenarioDataset } from './bench/scenario-dataset';
import { measureSequentialPoolVolume, type SequentialMeasurement } from './bench/sequential-baseline';
import { runStep, type StepRun, type StepRunContext } from './bench/step-runs';
import { formatStepRates, formatStepSinks, summarizeStep, type StepMeasurements, type StepSummary } from './bench/step-summary';
import { resetStepOutput, stepChecksums, stepRowCount } from './bench/step-tables';
import { evaluateTargets, formatTargets, type TargetRow } from './bench/targets';
import { compareTransports, type TransportComparison } from './bench/transport-comparison';

const BENCH_DATABASE_PREFIX = 'lpe_bench_';
/** Steps whose input other steps' tables depend on: it always runs first, once. */
const FIRST_STEP = 'pool-attribution';
const SEQUENTIAL_STEP = 'pool-volume';

const mib = (bytes: number | undefined) => (bytes === undefined ? NaN : Math.round(bytes / 2 ** 20));

function log(line: string): void {
  console.error(`[bench] ${line}`);
}

function logRun(r: StepRun): void {
  log(
    `${r.step}, ${r.instances} instance(s): ${r.records} records in ${r.seconds.toFixed(1)} s = ${Math.round(r.records / r.seconds)} ev/s (steady ${Math.round(r.steadyEventsPerSec)})`,
  );
}

function prepareDataset(options: BenchOptions, dbUrl: string, rss: RssSampler): Promise<PreparedDataset> {
  switch (options.dataset) {
    case 'scenario':
      return prepareScenarioDataset(options.scenario, dbUrl, rss, log);
    case 'scale':
      return prepareScaleDataset(options.scale, dbUrl, rss, log);
  }
}

async function main(): Promise<number> {
  const options = parseBenchOptions(process.argv.slice(2), STEP_NAMES);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  // Steps the dataset cannot drive are left out of the step runs and of end-to-end.
  const selection = selectStepsFor(options.dataset, options.steps);
  const leftOut = leftOutLine(options.dataset, selection);
  if (leftOut) log(leftOut);
  const config = loadConfig();
  const startedAt = new Date();
  const load: { before: number[]; after?: number[] } = { before: loadavg() };
  const figures: Figure[] = [];
  const fig = (figure: string, value: number, unit: string, digits = 0) => figures.push({ figure, value: roundTo(value, digits), unit });
  const rss = new RssSampler(200);
  const raw: Record<string, unknown> = {};
  const processes: BenchProcess[] = [];
  const prefix = `bench${randomBytes(4).toString('hex')}.`;
  const topics = topicNames(prefix);
  const dbName = `${BENCH_DATABASE_PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const dbUrl = withDatabaseName(config.databaseUrl, dbName);
  const kafka = createKafka(config);
  const kadmin = kafka.admin();
  let dataset: PreparedDataset | undefined;
  let rpc: RpcCounter | undefined;
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
  const steps: StepSummary[] = [];
  let targets: TargetRow[];

  try {
    // 1. Dataset.
    dataset = await prepareDataset(options, dbUrl, rss);
    const db: Pool = dataset.db;
    figures.push(...dataset.figures);
    raw.dataset = dataset.raw;
    check();

    // 2. Replay, and Kafka's own producer on the same record count and size.
    const env: NodeJS.ProcessEnv = {
      DATABASE_URL: dbUrl,
      LP_NAME_PREFIX: prefix,
      ANKR_HTTP_URL: '',
      FLARE_RPC_URL: dataset.rpcUrl,
      REPLAY_PAGE_SIZE: String(options.replayPageSize),
    };
    const replay = await measureReplay({ db, env, rss, processes, log });
    const replayRate = replay.rowsProduced / replay.wallSeconds;
    raw.replay = replay;
    fig('replay (admin app, DB -> Avro -> Kafka)', replayRate, 'rows/s');
    check();
    let producer: ProducerBaseline | undefined;
    if (options.baselines) {
      log('Kafka ProducerPerformance on the replay figures');
      producer = await measureProducerBaseline({
        kafka,
        bootstrap: config.kafkaBrokers.join(','),
        replayedTopics: [topics.positionEvents, topics.poolEvents],
        topic: `${prefix}bench.producer-performance`,
        groupId: `${prefix}bench.record-sizes`,
        records: replay.rowsProduced,
      });
      raw.producerPerformance = producer;
      fig(`replayed records: mean value size (Avro), ${producer.sizes.distinctKeys} distinct keys`, producer.sizes.meanValueBytes, 'bytes', 1);
      fig(`Kafka ProducerPerformance (same count and size, ${producer.partitions} partitions, acks=all)`, producer.result.recordsPerSec, 'records/s');
      fig('replay / ProducerPerformance', ratio(replayRate, producer.result.recordsPerSec), 'x', 3);
    }
    check();

    // 3. Every step alone on its complete input topic: 1 instance, then (a fresh group, its output reset) 2.
    rpc = await RpcCounter.start(dataset.rpcUrl);
    await kadmin.connect();
    const ctx: StepRunContext = { kadmin, prefix, env: { ...env, FLARE_RPC_URL: rpc.url, ...dataset.pricingEnv }, rss, processes, rpc };
    const measured = new Map<string, Omit<StepMeasurements, 'rssPeak'>>();
    const oneInstanceChecksums = new Map<string, Record<string, string>>();
    const prepared = dataset;
    const resetStep = async (step: string) => {
      await resetStepOutput(db, step);
      await prepared.restoreInputs?.(step);
    };
    const rerunWithTwo = async (step: string) => {
      log(`${step}: 2 instances`);
      await deleteGroup(kadmin, groupIdOf(findStep(step), prefix));
      await resetStep(step);
      const two = await runStep(ctx, step, 2);
      logRun(two);
      const m = measured.get(step)!;
      m.two = two;
      m.twoTablesEqual = isDeepStrictEqual(await stepChecksums(db, step), oneInstanceChecksums.get(step));
      if (!m.twoTablesEqual) log(`WARNING: ${step} with 2 instances wrote other tables than with 1`);
    };
    let sequential: SequentialMeasurement | undefined;
    const order = [FIRST_STEP, ...selection.steps.filter((s) => s !== FIRST_STEP)];
    for (const step of order) {
      log(`${step}: 1 instance`);
      const one = await runStep(ctx, step, 1);
      logRun(one);
      const m: Omit<StepMeasurements, 'rssPeak'> = { one, rowsWritten: await stepRowCount(db, step) };
      measured.set(step, m);
      oneInstanceChecksums.set(step, await stepChecksums(db, step));
      if (options.baselines) m.copy = await copyTablesThrough(db, stepResults(step).tables);
      if (options.baselines && step === SEQUENTIAL_STEP) {
        log(`${step}: sequential baseline`);
        sequential = await measureSequentialPoolVolume({
          db,
          env: ctx.env,
          pageSize: options.sequentialPageSize,
          streamed: oneInstanceChecksums.get(step)!,
          rss,
          processes,
        });
      }
      check();
      // Step 1's second run re-emits the attributed topic, so it comes after every other step.
      if (options.scaling && step !== FIRST_STEP) await rerunWithTwo(step);
      check();
    }
    if (options.scaling && selection.steps.includes(FIRST_STEP)) await rerunWithTwo(FIRST_STEP);
    raw.stepRuns = Object.fromEntries(measured);
    // The result tables of each step, by table: two benches over one dataset compare them (a refactor changes no row).
    raw.checksums = Object.fromEntries(oneInstanceChecksums);
    if (sequential) {
      const streaming = measured.get(SEQUENTIAL_STEP)!.one;
      raw.sequential = sequential;
      fig(`sequential ${SEQUENTIAL_STEP} (pages of ${sequential.pageSize} from PostgreSQL, no Kafka; same tables)`, sequential.eventsPerSec, 'events/s');
      fig(
        `streaming ${SEQUENTIAL_STEP}, 1 instance (ready -> lag 0) / sequential`,
        ratio(streaming.records / streaming.seconds, sequential.eventsPerSec),
        'x',
        3,
      );
      fig(`streaming ${SEQUENTIAL_STEP}, 1 instance (steady) / sequential`, ratio(streaming.steadyEventsPerSec, sequential.eventsPerSec), 'x', 3);
    }
    check();

    // 4. Optionally the whole pipeline at once, on fresh topics.
    let endToEnd: EndToEndMeasurement | undefined;
    if (options.endToEnd) {
      endToEnd = await measureEndToEnd({
        db,
        kadmin,
        prefix: `${prefix}e2e.`,
        env: ctx.env,
        steps: order,
        sourceRows: dataset.positionRows + dataset.poolRows,
        expectedChecksums: oneInstanceChecksums,
        reset: resetStep,
        rss,
        processes,
        log,
      });
      raw.endToEnd = endToEnd;
      if (endToEnd.tablesDiffering.length > 0) log(`WARNING: end-to-end wrote other tables than the steps alone for ${endToEnd.tablesDiffering.join(', ')}`);
      fig(`end-to-end, ${order.length} steps at once (POST start -> every lag 0)`, endToEnd.seconds, 's', 1);
      fig('end-to-end, source rows (both tables) per second', endToEnd.sourceRows / endToEnd.seconds, 'rows/s');
      fig('end-to-end, position events per second', dataset.positionRows / endToEnd.seconds, 'events/s');
    }
    check();

    // 5. Batch vs. stock transport: the same DB-only copy of the pool-events topic.
    let transport: TransportComparison | undefined;
    if (options.baselines) {
      transport = await compareTransports({
        db,
        env,
        topic: topics.poolEvents,
        dlqTopic: topics.deadLetters,
        groupPrefix: prefix,
        expected: dataset.poolRows,
        rounds: options.rounds,
        rss,
        processes,
        log,
      });
      raw.transform = transport;
      const of = options.rounds > 1 ? `, mean of ${options.rounds}` : '';
      fig(`DB-only copy, batch transport (eachBatch, 1 upsert/batch)${of}`, transport.batchRecordsPerSec, 'records/s');
      fig(`DB-only copy, stock Nest Kafka transport (1 INSERT/message)${of}`, transport.stockRecordsPerSec, 'records/s');
      fig('batch / stock ratio', ratio(transport.batchRecordsPerSec, transport.stockRecordsPerSec), 'x', 1);
    }

    rss.stop();
    // Step processes of the per-step runs are in the per-step table; the rest (end-to-end ones included) here.
    const stepProcess = (name: string) => name.startsWith('step ');
    for (const [name, bytes] of rss.peak) if (!stepProcess(name) || name.endsWith('(end-to-end)')) fig(`peak RSS: ${name}`, mib(bytes), 'MiB');
    raw.rssPeakBytes = Object.fromEntries(rss.peak);
    for (const m of measured.values()) steps.push(summarizeStep({ ...m, rssPeak: rss.peak }));
    targets = evaluateTargets({
      positionEvents: dataset.positionRows,
      // The target speaks of all ten steps: measured when every step the dataset can drive ran (the row says how many).
      endToEndSeconds: endToEnd && order.length + selection.leftOut.length === STEPS.length ? endToEnd.seconds : undefined,
      endToEndPartial: { steps: order.length, leftOut: selection.leftOut },
      replayRowsPerSec: replayRate,
      dbDerivedSteps: steps.filter((s) => s.rpcCallsPerEvent === 0).map((s) => ({ step: s.step, eventsPerSec: s.eventsPerSec })),
      batchOverStock: transport ? ratio(transport.batchRecordsPerSec, transport.stockRecordsPerSec) : undefined,
      scaling: steps.map((s) => ({ step: s.step, ratio: s.twoOverOne })),
      consumerRss: [...rss.peak].filter(([name]) => stepProcess(name)).map(([name, bytes]) => ({ process: name, bytes })),
    });
  } catch (err) {
    for (const p of processes) if (p.running) log(`${p.name} output:\n${p.tail(15)}`);
    throw err;
  } finally {
    rss.stop();
    for (const p of processes) await p.stop().catch(() => undefined);
    await kadmin.disconnect().catch(() => undefined);
    await rpc?.close().catch(() => undefined);
    await dataset?.stop().catch(() => undefined);
    await dataset?.db.end().catch(() => undefined);
    if (!options.keep) {
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
    options,
    prefix,
    database: options.keep ? dbName : `${dbName} (dropped)`,
    figures,
    steps,
    targets,
    raw,
  };
  mkdirSync('artifacts', { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const file = join('artifacts', `bench-${stamp}.json`);
  const json = `${JSON.stringify(report, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
  writeFileSync(file, json);
  writeFileSync(join('artifacts', 'bench-latest.json'), json);
  console.log(formatFigures(figures).join('\n'));
  console.log(
    `\nper step, each alone on its whole input topic (ev/s: first ready line to lag 0; steady: group stable with every instance to lag 0):\n${formatStepRates(steps).join('\n')}`,
  );
  console.log(`\nper step, sinks (1 instance) against PostgreSQL COPY of the same rows, and memory:\n${formatStepSinks(steps).join('\n')}`);
  console.log(
    `\ntargets (issue 8; machine load average ${load.before.map((l) => l.toFixed(1)).join(' ')} before, ${load.after.map((l) => l.toFixed(1)).join(' ')} after):\n${formatTargets(targets).join('\n')}`,
  );
  console.log(`\nwritten: ${file}, artifacts/bench-latest.json`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
