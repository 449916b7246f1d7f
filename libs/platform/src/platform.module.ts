import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { Pool } from 'pg';
import { loadConfig, type AppConfig } from '@lib/config';
import { createPool } from '@lib/db';
import { AvroCodec, createKafka, topicNames } from '@lib/kafka';
import { nestKafkaLogCreator } from './kafka-log';
import { APP_CONFIG, AVRO_CODEC, KAFKA, PG_POOL, TOPIC_NAMES } from './tokens';

/** The shared clients, each made from the one injected configuration (APP_CONFIG). */
const CLIENTS: Provider[] = [
  {
    provide: PG_POOL,
    inject: [APP_CONFIG],
    useFactory: (c: AppConfig) => createPool({ databaseUrl: c.databaseUrl, max: 8, applicationName: `lp-enrichment:${c.enrichStep ?? 'admin'}` }),
  },
  { provide: KAFKA, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createKafka(c, nestKafkaLogCreator) },
  { provide: AVRO_CODEC, inject: [APP_CONFIG], useFactory: (c: AppConfig) => AvroCodec.connect(c.schemaRegistryUrl) },
  { provide: TOPIC_NAMES, inject: [APP_CONFIG], useFactory: (c: AppConfig) => topicNames(c.namePrefix) },
];
const EXPORTS = [APP_CONFIG, PG_POOL, KAFKA, AVRO_CODEC, TOPIC_NAMES];

class ClosesPool implements OnApplicationShutdown {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * The clients every app shares: configuration, one pg pool, one Kafka client, one
 * Avro codec on the schema registry, and the topic names under the configured prefix.
 *
 * `PlatformModule.forRoot(config)` provides the configuration the app's `main` loaded
 * (once, at start). Imported as it is, `PlatformModule` loads it itself, once, when the
 * app is created (for apps not yet passing theirs).
 */
@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: () => loadConfig() }, ...CLIENTS],
  exports: EXPORTS,
})
export class PlatformModule extends ClosesPool {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfiguredPlatformModule, global: true, providers: [{ provide: APP_CONFIG, useValue: config }, ...CLIENTS], exports: EXPORTS };
  }
}

/** What `PlatformModule.forRoot` makes: the same clients on a given configuration. */
@Module({})
export class ConfiguredPlatformModule extends ClosesPool {}
