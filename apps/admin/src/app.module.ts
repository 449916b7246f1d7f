import { Module } from '@nestjs/common';
import { HealthModule, PlatformModule } from '@lib/platform';
import { BackfillModule } from './backfill/backfill.module';
import { ReplayModule } from './replay/replay.module';

@Module({ imports: [PlatformModule, HealthModule, ReplayModule, BackfillModule] })
export class AppModule {}
