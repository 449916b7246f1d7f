import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Pool } from 'pg';
import { loadConfig } from '@lib/config';
import { KafkaBatchServer, RethrowRpcExceptionFilter } from '@lib/consumer';
import { AvroCodec, createKafka, ensureTopics, topicNames } from '@lib/kafka';
import { groupIdOf } from '@lib/pipeline';
import { AVRO_CODEC, KAFKA, PG_POOL } from '@lib/platform';
import { EnricherModule } from './enricher.module';
import { StepInstanceRecorder } from './runtime/step-instance.recorder';
import { StepMetrics } from './runtime/step-metrics';
import { stepFromArgs } from './step-argument';
import { STEP_MODULES } from './steps/step-modules';

/**
 * One enrichment step as a service: `--step <name>`. Run N copies to share the step's
 * partitions (they join one consumer group). SIGTERM finishes the batch in hand,
 * commits and leaves the group.
 */
async function main(): Promise<void> {
  const step = stepFromArgs(process.argv.slice(2), process.env);
  const entry = STEP_MODULES[step.name];
  if (!entry) throw new Error(`step ${step.name} is not implemented yet; implemented: ${Object.keys(STEP_MODULES).join(', ')}`);
  process.env.ENRICH_STEP = step.name;
  const config = loadConfig();
  const topics = topicNames(config.namePrefix);

  const kafkaAdmin = createKafka(config).admin();
  await kafkaAdmin.connect();
  await ensureTopics(kafkaAdmin, topics);
  await kafkaAdmin.disconnect();

  const metrics = new StepMetrics(step.name);
  const app = await NestFactory.create(EnricherModule.forStep(entry.module, metrics), { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  const codec = app.get<AvroCodec>(AVRO_CODEC);
  const recorder = new StepInstanceRecorder(step.name, app.get<Pool>(PG_POOL), metrics);
  await recorder.register();
  const output = step.output && entry.outputSchema ? { topic: topics[step.output], schemaId: await codec.register(`${topics[step.output]}-value`, entry.outputSchema) } : undefined;

  const microservice = app.connectMicroservice(
    {
      strategy: new KafkaBatchServer({
        kafka: app.get(KAFKA),
        step: step.name,
        groupId: groupIdOf(step, config.namePrefix),
        inputTopic: topics[step.input],
        dlqTopic: topics.deadLetters,
        codec,
        output,
        observer: recorder,
        partitionsConsumedConcurrently: Number(process.env.PARTITIONS_CONCURRENTLY ?? 3),
      }),
    },
    { inheritAppConfig: true },
  );
  microservice.useGlobalFilters(new RethrowRpcExceptionFilter());
  await app.startAllMicroservices();
  await app.listen(config.metricsPort, config.httpHost);
  new Logger('Enricher').log(JSON.stringify({ step: step.name, instance: recorder.instanceId, group: groupIdOf(step, config.namePrefix), input: topics[step.input], metrics: `http://${config.httpHost}:${config.metricsPort}/metrics` }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
