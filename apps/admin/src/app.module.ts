import { Module } from '@nestjs/common';
import { HealthModule, PlatformModule } from '@lib/platform';
import { BackfillModule } from './backfill/backfill.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { AdminMetricsModule } from './metrics/admin-metrics.module';
import { ReplayModule } from './replay/replay.module';

@Module({ imports: [PlatformModule, HealthModule, AdminMetricsModule, ReplayModule, BackfillModule, DashboardModule] })
export class AppModule {}
