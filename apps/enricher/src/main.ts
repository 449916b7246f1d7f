import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Pool } from 'pg';
import { loadConfigOrExit, type AppConfig } from '@lib/config';
import { KafkaBatchServer, RethrowRpcExceptionFilter } from '@lib/consumer';
import { AvroCodec, createKafka, ensureTopics, topicNames } from '@lib/kafka';
import { groupIdOf } from '@lib/pipeline';
import { observeCacheLookups } from '@lib/chain';
import { AVRO_CODEC, JsonLogger, KAFKA, PG_POOL, nestKafkaLogCreator, secretsOf } from '@lib/platform';
import { EnricherModule } from './enricher.module';
import { inputScreen } from './runtime/input-screen';
import { stepHandlerOf } from './runtime/step-handler.factory';
import { StepInstanceRecorder } from './runtime/step-instance.recorder';
import { StepMetrics } from './runtime/step-metrics';
import { stepFromArgs } from './step-argument';
import { STEP_CATALOG } from './steps';

/**
 * One enrichment step as a service: `--step <name>`. Run N copies to share the step's
 * partitions (they join one consumer group). SIGTERM finishes the batch in hand,
 * commits and leaves the group.
 */
async function main(loaded: AppConfig, logger: JsonLogger): Promise<void> {
  const step = stepFromArgs(process.argv.slice(2), loaded.enrichStep);
  logger.setFields({ step: step.name });
  const entry = STEP_CATALOG[step.name];
  // The step named by --step is the process's ENRICH_STEP (the pool's application name says it).
  const config: AppConfig = Object.freeze({ ...loaded, enrichStep: step.name });
  const topics = topicNames(config.namePrefix);

  const kafkaAdmin = createKafka(config, nestKafkaLogCreator).admin();
  await kafkaAdmin.connect();
  await ensureTopics(kafkaAdmin, topics, config.kafka);
  await kafkaAdmin.disconnect();

  const metrics = new StepMetrics(step.name);
  observeCacheLookups(metrics.countCacheLookup);
  const app = await NestFactory.create(EnricherModule.forStep(config, entry, metrics), { logger });
  app.enableShutdownHooks();
  const codec = app.get<AvroCodec>(AVRO_CODEC);
  const recorder = new StepInstanceRecorder(step.name, app.get<Pool>(PG_POOL), metrics, logger);
  await recorder.register();
  const output =
    step.output && entry.outputSchema
      ? { topic: topics[step.output], schemaId: await codec.register(`${topics[step.output]}-value`, entry.outputSchema) }
      : undefined;

  // Before connecting: the microservice takes the app's filters when it is connected.
  app.useGlobalFilters(new RethrowRpcExceptionFilter(app.getHttpAdapter()));
  app.connectMicroservice(
    {
      strategy: new KafkaBatchServer({
        kafka: app.get(KAFKA),
        step: step.name,
        groupId: groupIdOf(step, config.namePrefix),
        inputTopic: topics[step.input],
        dlqTopic: topics.deadLetters,
        codec,
        handler: stepHandlerOf(app, entry),
        output,
        observer: recorder,
        screen: inputScreen(step.input, app.get<Pool>(PG_POOL)),
        partitionsConsumedConcurrently: config.partitionsConcurrently,
      }),
    },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.listen(config.metricsPort, config.httpHost);
  // The ready line: tests and the bench wait for its "instance" field.
  new Logger('Enricher').log({
    message: 'consuming',
    instance: recorder.instanceId,
    group: groupIdOf(step, config.namePrefix),
    input: topics[step.input],
    metrics: `http://${config.httpHost}:${config.metricsPort}/metrics`,
  });
}

// The configuration, once, before anything else: a missing or malformed variable ends
// the service here with one line on stderr and exit code 2.
const loaded = loadConfigOrExit();
const logger = new JsonLogger(loaded.logFormat);
// No line shows the admin token, a password or the RPC key (docs/operations.md, Logs).
logger.setSecrets(secretsOf(loaded));
// Before anything logs: Nest's Logger everywhere, kafkajs included, writes through it.
Logger.overrideLogger(logger);
main(loaded, logger).catch((err) => {
  logger.fatal(err, undefined, 'Enricher');
  process.exit(1);
});
