import { Module } from '@nestjs/common';
import { RflrVestingController } from './rflr-vesting.controller';
import { RflrVestingService } from './rflr-vesting.service';

/** Step 9: reads only the database (rflr_allocation, pool states for the WFLR price). */
@Module({ controllers: [RflrVestingController], providers: [RflrVestingService] })
export class RflrVestingModule {}
