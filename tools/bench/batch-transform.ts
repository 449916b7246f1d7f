/**
 * Bench transform (a): the DB-only copy on the project's batch transport —
 * KafkaBatchServer (kafkajs eachBatch), one upsertRows per batch, offsets committed by
 * the runtime after the write. Started by tools/bench.ts as its own process.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@lib/config';
import { KafkaBatchServer, type StepBatch, type StepBatchHandler } from '@lib/consumer';
import { createPool, upsertRows } from '@lib/db';
import { AvroCodec, createKafka, type PoolEventRecord } from '@lib/kafka';
import { COPY_COLUMNS, COPY_TABLES, Progress, toCopyRow, transformFlags, type CopyRow } from './copy-table';

const STEP = 'bench-copy';
const flags = transformFlags();
const config = loadConfig();
const pool = createPool({ databaseUrl: config.databaseUrl, max: 8, applicationName: 'lp-bench:batch' });
const progress = new Progress('batch', flags.expected);

/** The copy as a batch handler, as the runtime drives a step's. */
async function copy(batch: StepBatch<PoolEventRecord>): Promise<void> {
  if (batch.records.length === 0) return;
  progress.started();
  await upsertRows<CopyRow>(pool, {
    table: COPY_TABLES.batch,
    columns: COPY_COLUMNS,
    conflict: ['id'],
    update: 'all',
    rows: batch.records.map((r) => toCopyRow(r.value)),
  });
  progress.add(batch.records.length);
}

@Module({})
class BatchCopyModule {}

async function main(): Promise<void> {
  const topic = flags.topic;
  const app = await NestFactory.createMicroservice(BatchCopyModule, {
    strategy: new KafkaBatchServer({
      kafka: createKafka(config),
      step: STEP,
      groupId: flags.group,
      inputTopic: topic,
      dlqTopic: flags.dlqTopic,
      codec: AvroCodec.connect(config.schemaRegistryUrl),
      handler: copy as StepBatchHandler,
      partitionsConsumedConcurrently: config.partitionsConcurrently,
    }),
    logger: ['warn', 'error'],
  });
  // SIGTERM: leave the group (so it can be deleted at once), close the pool.
  process.once(
    'SIGTERM',
    () =>
      void app
        .close()
        .finally(() => pool.end())
        .finally(() => process.exit(0)),
  );
  await app.listen();
  console.log(`BENCH_READY batch ${topic}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
