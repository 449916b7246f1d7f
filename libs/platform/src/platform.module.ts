import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { loadConfig, type AppConfig } from '@lib/config';
import { createPool } from '@lib/db';
import { AvroCodec, createKafka, topicNames } from '@lib/kafka';
import { nestKafkaLogCreator } from './kafka-log';
import { APP_CONFIG, AVRO_CODEC, KAFKA, PG_POOL, TOPIC_NAMES } from './tokens';

/**
 * The clients every app shares: configuration, one pg pool, one Kafka client, one
 * Avro codec on the schema registry, and the topic names under the configured prefix.
 */
@Global()
@Module({
  providers: [
    { provide: APP_CONFIG, useFactory: () => loadConfig() },
    {
      provide: PG_POOL,
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => createPool({ databaseUrl: c.databaseUrl, max: 8, applicationName: `lp-enrichment:${process.env.ENRICH_STEP ?? 'admin'}` }),
    },
    { provide: KAFKA, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createKafka(c, process.env, nestKafkaLogCreator) },
    { provide: AVRO_CODEC, inject: [APP_CONFIG], useFactory: (c: AppConfig) => AvroCodec.connect(c.schemaRegistryUrl) },
    { provide: TOPIC_NAMES, inject: [APP_CONFIG], useFactory: (c: AppConfig) => topicNames(c.namePrefix) },
  ],
  exports: [APP_CONFIG, PG_POOL, KAFKA, AVRO_CODEC, TOPIC_NAMES],
})
export class PlatformModule implements OnApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}
