import { Module } from '@nestjs/common';
import { ChainModule } from '../../runtime/chain.provider';
import { UnclaimedFeesController } from './unclaimed-fees.controller';
import { UnclaimedFeesService } from './unclaimed-fees.service';

@Module({ imports: [ChainModule], controllers: [UnclaimedFeesController], providers: [UnclaimedFeesService] })
export class UnclaimedFeesModule {}
