import { Module } from '@nestjs/common';
import { EnrichedCountsController } from '../backfill/enriched-counts.controller';
import { EnrichedCountsService } from '../backfill/enriched-counts.service';
import { DashboardController } from './dashboard.controller';

/** The /admin/enrichment page and the counts it shows beside /api/admin/backfill. */
@Module({
  controllers: [DashboardController, EnrichedCountsController],
  providers: [EnrichedCountsService],
})
export class DashboardModule {}
