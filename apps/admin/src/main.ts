import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { loadConfig } from '@lib/config';
import { createKafka, ensureTopics, topicNames } from '@lib/kafka';
import { AppModule } from './app.module';

/** The admin app: replay producer, /api/admin/backfill, the dashboard and /metrics. */
async function main(): Promise<void> {
  const config = loadConfig();
  const admin = createKafka(config).admin();
  await admin.connect();
  await ensureTopics(admin, topicNames(config.namePrefix));
  await admin.disconnect();

  const app = await NestFactory.create(AppModule, { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  const docs = new DocumentBuilder().setTitle('LP enrichment admin').addBearerAuth().build();
  SwaggerModule.setup('api/docs', app, SwaggerModule.createDocument(app, docs));
  await app.listen(config.adminPort, config.httpHost);
  new Logger('Admin').log(`listening on http://${config.httpHost}:${config.adminPort} (API docs at /api/docs)`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
