import { Module } from '@nestjs/common';
import { PoolVolumeController } from './pool-volume.controller';
import { PoolVolumeService } from './pool-volume.service';

@Module({ controllers: [PoolVolumeController], providers: [PoolVolumeService] })
export class PoolVolumeModule {}
