import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { loadConfigOrExit, type AppConfig } from '@lib/config';
import { createKafka, ensureTopics, topicNames } from '@lib/kafka';
import { JsonLogger, nestKafkaLogCreator } from '@lib/platform';
import { AppModule } from './app.module';
import { ClientErrorsFilter } from './http/client-errors.filter';

/** The admin app: replay producer, /api/admin/backfill, the dashboard and /metrics. */
async function main(config: AppConfig, logger: JsonLogger): Promise<void> {
  const admin = createKafka(config, nestKafkaLogCreator).admin();
  await admin.connect();
  await ensureTopics(admin, topicNames(config.namePrefix), config.kafka);
  await admin.disconnect();

  const app = await NestFactory.create(AppModule.forRoot(config), { logger });
  app.enableShutdownHooks();
  app.useGlobalFilters(new ClientErrorsFilter(app.getHttpAdapter()));
  const docs = new DocumentBuilder().setTitle('LP enrichment admin').addBearerAuth().build();
  SwaggerModule.setup('api/docs', app, SwaggerModule.createDocument(app, docs));
  await app.listen(config.adminPort, config.httpHost);
  new Logger('Admin').log(`listening on http://${config.httpHost}:${config.adminPort} (API docs at /api/docs)`);
}

// The configuration, once, before anything else: a missing or malformed variable ends
// the app here with one line on stderr and exit code 2.
const config = loadConfigOrExit();
const logger = new JsonLogger(config.logFormat);
// Before anything logs: Nest's Logger everywhere, kafkajs included, writes through it.
Logger.overrideLogger(logger);
main(config, logger).catch((err) => {
  logger.fatal(err, undefined, 'Admin');
  process.exit(1);
});
