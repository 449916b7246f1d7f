import { Module } from '@nestjs/common';
import { EndMarkerOriginRepository } from '@lib/pipeline';
import { repositoryProvider } from '@lib/platform';
import { ReplayModule } from '../replay/replay.module';
import { AdminTokenGuard } from './admin-token.guard';
import { BackfillController } from './backfill.controller';
import { BackfillService } from './backfill.service';
import { BackfillStatusService } from './backfill-status.service';
import { StepOffsetsService } from './step-offsets.service';

@Module({
  imports: [ReplayModule],
  controllers: [BackfillController],
  providers: [BackfillService, BackfillStatusService, StepOffsetsService, AdminTokenGuard, repositoryProvider(EndMarkerOriginRepository)],
  exports: [BackfillStatusService],
})
export class BackfillModule {}
