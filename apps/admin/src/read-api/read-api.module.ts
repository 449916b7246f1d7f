import { Module } from '@nestjs/common';
import { repositoryProvider } from '@lib/platform';
import { EnrichedReadRepository } from './enriched-read.repository';
import { ReadApiController } from './read-api.controller';

/** The read API of the enriched data: GET /api/positions/…, /api/pools/… (docs/operations.md, *Read API*). */
@Module({
  controllers: [ReadApiController],
  providers: [repositoryProvider(EnrichedReadRepository)],
})
export class ReadApiModule {}
