import { Module } from '@nestjs/common';
import { ImpermanentLossController } from './impermanent-loss.controller';
import { ImpermanentLossService } from './impermanent-loss.service';

/** Step 4: reads only the database (history, pool states, prices), not the chain. */
@Module({ controllers: [ImpermanentLossController], providers: [ImpermanentLossService] })
export class ImpermanentLossModule {}
