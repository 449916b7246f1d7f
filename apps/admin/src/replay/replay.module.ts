import { Module } from '@nestjs/common';
import { AdminMetricsModule } from '../metrics/admin-metrics.module';
import { ReplayService } from './replay.service';

@Module({ imports: [AdminMetricsModule], providers: [ReplayService], exports: [ReplayService] })
export class ReplayModule {}
