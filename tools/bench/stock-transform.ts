/**
 * Bench transform (b): the same DB-only copy on the stock NestJS Kafka transport
 * (Transport.KAFKA, kafkajs eachMessage): @EventPattern(topic) handles one message at a
 * time with one INSERT … ON CONFLICT per message; the stock parser hands Avro values
 * over as raw bytes, decoded here with the project's AvroCodec. Started by
 * tools/bench.ts as its own process, with its own consumer group.
 */
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, KafkaContext, Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { logLevel } from 'kafkajs';
import { loadConfig } from '@lib/config';
import { createPool } from '@lib/db';
import { AvroCodec, readControlRecord, type PoolEventRecord } from '@lib/kafka';
import { COPY_TABLES, Progress, copyRowValues, singleRowUpsertSql, toCopyRow, transformFlags } from './copy-table';

const flags = transformFlags();
const TOPIC = flags.topic;
const config = loadConfig();
const pool = createPool({ databaseUrl: config.databaseUrl, max: 8, applicationName: 'lp-bench:stock' });
const codec = AvroCodec.connect(config.schemaRegistryUrl);
const sql = singleRowUpsertSql(COPY_TABLES.stock);
const progress = new Progress('stock', flags.expected);

@Controller()
class StockCopyController {
  @EventPattern(TOPIC)
  async copy(_data: unknown, @Ctx() ctx: KafkaContext): Promise<void> {
    const message = ctx.getMessage();
    // End-of-replay markers have no value; the stock parser passes the Avro bytes through untouched (magic byte 0).
    if (readControlRecord(message.headers) || !Buffer.isBuffer(message.value)) return;
    progress.started();
    await codec.preload([message.value]);
    const record = codec.decode<PoolEventRecord>(message.value);
    await pool.query(sql, copyRowValues(toCopyRow(record)));
    progress.add(1);
  }
}

@Module({ controllers: [StockCopyController] })
class StockCopyModule {}

async function main(): Promise<void> {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(StockCopyModule, {
    transport: Transport.KAFKA,
    options: {
      postfixId: '',
      client: { clientId: 'lp-bench-stock', brokers: [...config.kafkaBrokers], logLevel: logLevel.WARN },
      consumer: { groupId: flags.group, maxWaitTimeInMs: 250 },
      subscribe: { fromBeginning: true },
      run: { partitionsConsumedConcurrently: config.partitionsConcurrently },
    },
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
  console.log(`BENCH_READY stock ${TOPIC}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
