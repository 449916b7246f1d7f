import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Pool } from 'pg';
import { loadConfig } from '@lib/config';
import { KafkaBatchServer, MarkerGate, RethrowRpcExceptionFilter, stepDriver, type StepBatchHandler } from '@lib/consumer';
import { AvroCodec, createKafka, ensureTopics, topicNames } from '@lib/kafka';
import { EndMarkerOriginRepository, groupIdOf } from '@lib/pipeline';
import { observeCacheLookups } from '@lib/chain';
import { AVRO_CODEC, JsonLogger, KAFKA, PG_POOL, nestKafkaLogCreator } from '@lib/platform';
import { EnricherModule } from './enricher.module';
import { inputScreen } from './runtime/input-screen';
import { StepInstanceRecorder } from './runtime/step-instance.recorder';
import { StepMetrics } from './runtime/step-metrics';
import { stepFromArgs } from './step-argument';
import { STEP_CATALOG } from './steps';
import { STEP_MODULES } from './steps/step-modules';

/**
 * One enrichment step as a service: `--step <name>`. Run N copies to share the step's
 * partitions (they join one consumer group). SIGTERM finishes the batch in hand,
 * commits and leaves the group.
 */
async function main(logger: JsonLogger): Promise<void> {
  const step = stepFromArgs(process.argv.slice(2), process.env);
  logger.setFields({ step: step.name });
  const defined = STEP_CATALOG[step.name];
  const entry = defined ?? STEP_MODULES[step.name];
  if (!entry) throw new Error(`step ${step.name} is not implemented yet; implemented: ${Object.keys(STEP_MODULES).join(', ')}`);
  process.env.ENRICH_STEP = step.name;
  const config = loadConfig();
  const topics = topicNames(config.namePrefix);

  const kafkaAdmin = createKafka(config, process.env, nestKafkaLogCreator).admin();
  await kafkaAdmin.connect();
  await ensureTopics(kafkaAdmin, topics);
  await kafkaAdmin.disconnect();

  const metrics = new StepMetrics(step.name);
  observeCacheLookups(metrics.countCacheLookup);
  const app = await NestFactory.create(defined ? EnricherModule.forStep(defined, metrics) : EnricherModule.forStepModule(STEP_MODULES[step.name].module, metrics), { logger });
  app.enableShutdownHooks();
  const codec = app.get<AvroCodec>(AVRO_CODEC);
  const recorder = new StepInstanceRecorder(step.name, app.get<Pool>(PG_POOL), metrics, logger);
  await recorder.register();
  const output = step.output && entry.outputSchema ? { topic: topics[step.output], schemaId: await codec.register(`${topics[step.output]}-value`, entry.outputSchema) } : undefined;

  const db = app.get<Pool>(PG_POOL);
  const handler: StepBatchHandler | undefined = defined ? stepDriver(app.get(defined.step), { db, gate: new MarkerGate(app.get(EndMarkerOriginRepository), step.name) }) : undefined;
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
        handler,
        output,
        observer: recorder,
        screen: inputScreen(step.input, app.get<Pool>(PG_POOL)),
        partitionsConsumedConcurrently: Number(process.env.PARTITIONS_CONCURRENTLY ?? 3),
      }),
    },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.listen(config.metricsPort, config.httpHost);
  // The ready line: tests and the bench wait for its "instance" field.
  new Logger('Enricher').log({ message: 'consuming', instance: recorder.instanceId, group: groupIdOf(step, config.namePrefix), input: topics[step.input], metrics: `http://${config.httpHost}:${config.metricsPort}/metrics` });
}

const logger = new JsonLogger();
// Before anything logs: Nest's Logger everywhere, kafkajs included, writes through it.
Logger.overrideLogger(logger);
main(logger).catch((err) => {
  logger.fatal(err, undefined, 'Enricher');
  process.exit(1);
});
