import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { loadConfig } from '@lib/config';
import { createKafka, ensureTopics, topicNames } from '@lib/kafka';
import { JsonLogger, nestKafkaLogCreator } from '@lib/platform';
import { AppModule } from './app.module';
import { ClientErrorsFilter } from './http/client-errors.filter';

/** The admin app: replay producer, /api/admin/backfill, the dashboard and /metrics. */
async function main(logger: JsonLogger): Promise<void> {
  const config = loadConfig();
  const admin = createKafka(config, process.env, nestKafkaLogCreator).admin();
  await admin.connect();
  await ensureTopics(admin, topicNames(config.namePrefix));
  await admin.disconnect();

  const app = await NestFactory.create(AppModule, { logger });
  app.enableShutdownHooks();
  app.useGlobalFilters(new ClientErrorsFilter(app.getHttpAdapter()));
  const docs = new DocumentBuilder().setTitle('LP enrichment admin').addBearerAuth().build();
  SwaggerModule.setup('api/docs', app, SwaggerModule.createDocument(app, docs));
  await app.listen(config.adminPort, config.httpHost);
  new Logger('Admin').log(`listening on http://${config.httpHost}:${config.adminPort} (API docs at /api/docs)`);
}

const logger = new JsonLogger();
// Before anything logs: Nest's Logger everywhere, kafkajs included, writes through it.
Logger.overrideLogger(logger);
main(logger).catch((err) => {
  logger.fatal(err, undefined, 'Admin');
  process.exit(1);
});
