import { Module } from '@nestjs/common';
import { PlatformModule } from '@lib/platform';
import { BackfillModule } from './backfill/backfill.module';
import { ReplayModule } from './replay/replay.module';

@Module({ imports: [PlatformModule, ReplayModule, BackfillModule] })
export class AppModule {}
