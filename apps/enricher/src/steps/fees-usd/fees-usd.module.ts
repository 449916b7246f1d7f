import { Module } from '@nestjs/common';
import { FeesUsdController } from './fees-usd.controller';
import { FeesUsdService } from './fees-usd.service';

@Module({ controllers: [FeesUsdController], providers: [FeesUsdService] })
export class FeesUsdModule {}
