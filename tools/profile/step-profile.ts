/**
 * `npx node [--cpu-prof] dist/tools/profile/step-profile.js --database <db> --prefix <p> --step <name>`
 *
 * Profiles one step's own work over a dataset kept by `npm run bench -- --keep`: the
 * step's input topic is read into memory first (real batch boundaries), then fed through
 * the real batch processor (decode, the step's Nest handler, DLQ, commit) with Kafka's
 * writes stubbed, against a fresh copy of the database (CREATE DATABASE … TEMPLATE).
 * Prints events/s of the step's work, its CPU time and PostgreSQL's, and where the database
 * time went; `--cpu-profile <file>` writes a V8 profile of the processing (tools/profile/cpu-top.ts reads it). Pricing env
 * (LP_USD_STABLECOINS, LP_WRAPPED_NATIVE) and FLARE_RPC_URL come from the caller.
 *
 * The profile itself runs in a child process whose environment points at the copy
 * (DATABASE_URL, LP_NAME_PREFIX, ENRICH_STEP): the step's Nest app loads its configuration
 * from its environment, and this process never writes its own.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import type { Consumer, EachBatchPayload, Producer } from 'kafkajs';
import { Client } from 'pg';
import { loadConfig } from '@lib/config';
import { BatchProcessor, OffsetManager } from '@lib/consumer';
import { withDatabaseName, withMaintenanceConnection } from '@lib/db';
import { AvroCodec, createKafka, topicNames } from '@lib/kafka';
import { findStep } from '@lib/pipeline';
import { AVRO_CODEC } from '@lib/platform';
import { EnricherModule } from '../../apps/enricher/src/enricher.module';
import { StepMetrics } from '../../apps/enricher/src/runtime/step-metrics';
import { stepHandlerOf } from '../../apps/enricher/src/runtime/step-handler.factory';
import { STEP_CATALOG } from '../../apps/enricher/src/steps';
import { BackendCpu } from './backend-cpu';
import { CpuProfiler } from './cpu-profiler';
import { QueryTimer } from './query-timer';
import { recordTopicBatches, type RecordedBatch } from './recorded-batches';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      database: { type: 'string' },
      prefix: { type: 'string' },
      step: { type: 'string' },
      /** Default: PARTITIONS_CONCURRENTLY, as the step service. */
      concurrency: { type: 'string' },
      'max-bytes': { type: 'string', default: String(2 * 1024 * 1024) },
      'keep-copy': { type: 'boolean', default: false },
      /** Writes a V8 CPU profile of the processing only (not start-up) to this file. */
      'cpu-profile': { type: 'string' },
      /** Internal: the database copy the parent made; this process is the child that profiles. */
      copy: { type: 'string' },
    },
  });
  if (!values.database || !values.prefix || !values.step) throw new Error('--database, --prefix and --step are required');
  const def = findStep(values.step);
  const entry = STEP_CATALOG[def.name];
  const base = loadConfig();
  if (values.copy === undefined) {
    const copy = `${values.database.slice(0, 40)}_p${randomBytes(3).toString('hex')}`;
    await withMaintenanceConnection(base.databaseUrl, (c) => c.query(`CREATE DATABASE "${copy}" TEMPLATE "${values.database}"`));
    try {
      // The child's environment: ours, pointed at the copy, the prefix and the step.
      // eslint-disable-next-line no-restricted-properties -- passes the environment through to a child process; it reads its settings with its own loadConfig()
      const env = { ...process.env, DATABASE_URL: withDatabaseName(base.databaseUrl, copy), LP_NAME_PREFIX: values.prefix, ENRICH_STEP: def.name };
      const child = spawn(process.execPath, [...process.execArgv, __filename, ...process.argv.slice(2), '--copy', copy], { env, stdio: 'inherit' });
      const code = await new Promise<number | null>((resolve, reject) => child.once('error', reject).once('exit', resolve));
      if (code !== 0) throw new Error(`the profile exited with code ${code}`);
    } finally {
      if (!values['keep-copy']) await withMaintenanceConnection(base.databaseUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${copy}" WITH (FORCE)`));
      else console.error(`[profile] kept ${copy}`);
    }
    return;
  }
  const copy = values.copy;
  const config = base;
  const concurrency = values.concurrency === undefined ? config.partitionsConcurrently : Number(values.concurrency);
  const topic = topicNames(config.namePrefix)[def.input];
  const kafka = createKafka(config);
  const timer = new QueryTimer();
  // The parent drops the copy when this process has ended.
  const batches = await recordTopicBatches(kafka, topic, `${values.prefix}profile.${randomBytes(4).toString('hex')}`, Number(values['max-bytes']));
  const records = batches.reduce((n, b) => n + b.messages.length, 0);
  console.error(`[profile] ${def.name}: ${records} records in ${batches.length} batches of ${topic}; database copy ${copy}`);

  const app = await NestFactory.createApplicationContext(EnricherModule.forStep(config, entry, new StepMetrics(def.name)), { logger: ['warn', 'error'] });
  let deadLetters = 0;
  const producer = { send: async (r: { messages: unknown[] }) => void (deadLetters += r.messages.length) } as unknown as Producer;
  const noCommit = { commitOffsets: async () => undefined } as unknown as Consumer;
  const processor = new BatchProcessor(
    { step: def.name, codec: app.get<AvroCodec>(AVRO_CODEC), handler: stepHandlerOf(app, entry), producer, dlqTopic: 'none' },
    new OffsetManager(noCommit),
  );

  timer.install();
  const monitor = new Client({ connectionString: withDatabaseName(base.databaseUrl, 'postgres') });
  await monitor.connect();
  timer.exclude(monitor);
  const backends = new BackendCpu(monitor, copy);
  await backends.start();
  const profiler = values['cpu-profile'] ? await CpuProfiler.start() : undefined;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const byPartition = new Map<number, RecordedBatch[]>();
  for (const b of batches) byPartition.set(b.partition, [...(byPartition.get(b.partition) ?? []), b]);
  const queue = [...byPartition.values()];
  // Partitions concurrently (as the runtime's partitionsConsumedConcurrently), each in order.
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let list = queue.shift(); list; list = queue.shift()) for (const batch of list) await processor.process(payloadOf(batch));
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  if (profiler) await profiler.stopTo(values['cpu-profile']!);
  const nodeCpu = (cpu.user + cpu.system) / 1e6;
  const pgCpu = await backends.stop();
  await monitor.end();
  console.log(
    `${def.name}: ${records} records, ${batches.length} batches, ${seconds.toFixed(2)} s, ${Math.round(records / seconds)} events/s, ${deadLetters} dead letters, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`,
  );
  // On an idle 2-core machine the step would be bound by its own core or by both cores shared with PostgreSQL.
  const bound = Math.max(nodeCpu, (nodeCpu + pgCpu) / 2);
  console.log(`  cpu: node ${nodeCpu.toFixed(2)} s, postgres ${pgCpu.toFixed(2)} s -> ${Math.round(records / bound)} events/s if CPU-bound on 2 idle cores`);
  console.log(timer.report());
  await app.close();
}

function payloadOf(batch: RecordedBatch): EachBatchPayload {
  return {
    batch: { ...batch, lastOffset: () => batch.messages[batch.messages.length - 1].offset },
    heartbeat: async () => undefined,
    resolveOffset: () => undefined,
    isRunning: () => true,
    isStale: () => false,
  } as unknown as EachBatchPayload;
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
