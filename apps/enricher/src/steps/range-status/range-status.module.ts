import { Module } from '@nestjs/common';
import { RangeStatusController } from './range-status.controller';
import { RangeStatusService } from './range-status.service';

@Module({ controllers: [RangeStatusController], providers: [RangeStatusService] })
export class RangeStatusModule {}
