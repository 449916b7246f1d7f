import { Module } from '@nestjs/common';
import { ChainModule } from '../../runtime/chain.provider';
import { PoolAttributionController } from './pool-attribution.controller';
import { PoolAttributionService } from './pool-attribution.service';

@Module({ imports: [ChainModule], controllers: [PoolAttributionController], providers: [PoolAttributionService] })
export class PoolAttributionModule {}
