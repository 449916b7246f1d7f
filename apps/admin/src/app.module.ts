import { Module } from '@nestjs/common';
import { HealthModule, PlatformModule } from '@lib/platform';
import { BackfillModule } from './backfill/backfill.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { ReplayModule } from './replay/replay.module';

@Module({ imports: [PlatformModule, HealthModule, ReplayModule, BackfillModule, DashboardModule] })
export class AppModule {}
