import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { loadConfigOrExit, type AppConfig } from '@lib/config';
import { createKafka, ensureTopics, topicNames } from '@lib/kafka';
import { JsonLogger, nestKafkaLogCreator, secretsOf } from '@lib/platform';
import { AppModule } from './app.module';
import { ADMIN_BODY_LIMIT_BYTES } from './http/body-errors';
import { ClientErrorsFilter } from './http/client-errors.filter';

/** The admin app: replay producer, /api/admin/backfill, the dashboard and /metrics. */
async function main(config: AppConfig, logger: JsonLogger): Promise<void> {
  const admin = createKafka(config, nestKafkaLogCreator).admin();
  await admin.connect();
  await ensureTopics(admin, topicNames(config.namePrefix), config.kafka);
  await admin.disconnect();

  // Nest's own body parsers read up to 100 kB; ours the same two (JSON, form) with a 16 KiB
  // limit: a larger body is refused (413, ClientErrorsFilter) before any route or guard runs.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger, bodyParser: false });
  app.useBodyParser('json', { limit: ADMIN_BODY_LIMIT_BYTES });
  app.useBodyParser('urlencoded', { limit: ADMIN_BODY_LIMIT_BYTES, extended: true });
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
// No line shows the admin token, a password or the RPC key (docs/operations.md, Logs).
logger.setSecrets(secretsOf(config));
// Before anything logs: Nest's Logger everywhere, kafkajs included, writes through it.
Logger.overrideLogger(logger);
main(config, logger).catch((err) => {
  logger.fatal(err, undefined, 'Admin');
  process.exit(1);
});
