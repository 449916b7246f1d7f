import { Module } from '@nestjs/common';
import { PositionHealthController } from './position-health.controller';
import { PositionHealthService } from './position-health.service';

/** Step 10: reads only the database (histories, pool ticks and prices), not the chain. */
@Module({ controllers: [PositionHealthController], providers: [PositionHealthService] })
export class PositionHealthModule {}
