import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EnrichedCountsService } from './enriched-counts.service';

@ApiTags('backfill')
@Controller('api/admin/backfill/counts')
export class EnrichedCountsController {
  constructor(private readonly counts: EnrichedCountsService) {}

  @Get()
  @ApiOperation({ summary: 'What is enriched: unknown pools left, COLLECTs with/without usdValue, positions, rows per step table (missing tables skipped)' })
  get() {
    return this.counts.counts();
  }
}
