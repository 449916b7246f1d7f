import { Module } from '@nestjs/common';
import { EndMarkerOriginRepository } from '@lib/pipeline';
import { repositoryProvider } from '@lib/platform';
import { AdminMetricsModule } from '../metrics/admin-metrics.module';
import { ReplayModule } from '../replay/replay.module';
import { AdminTokenGuard } from './admin-token.guard';
import { BackfillController } from './backfill.controller';
import { BackfillService } from './backfill.service';
import { BackfillStatusService } from './backfill-status.service';
import { ConsumerGroupMetrics } from './consumer-group.metrics';
import { StepOffsetsService } from './step-offsets.service';

@Module({
  imports: [ReplayModule, AdminMetricsModule],
  controllers: [BackfillController],
  providers: [BackfillService, BackfillStatusService, ConsumerGroupMetrics, StepOffsetsService, AdminTokenGuard, repositoryProvider(EndMarkerOriginRepository)],
  exports: [BackfillStatusService],
})
export class BackfillModule {}
