import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@lib/config';
import { HealthModule, PlatformModule } from '@lib/platform';
import { BackfillModule } from './backfill/backfill.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { AdminMetricsModule } from './metrics/admin-metrics.module';
import { ReadApiModule } from './read-api/read-api.module';
import { ReplayModule } from './replay/replay.module';

/** The admin app on the configuration its `main` loaded once (injected as APP_CONFIG). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(config), HealthModule, AdminMetricsModule, ReplayModule, BackfillModule, DashboardModule, ReadApiModule],
    };
  }
}
