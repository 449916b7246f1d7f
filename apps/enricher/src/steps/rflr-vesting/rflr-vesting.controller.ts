import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { StepBatch } from '@lib/consumer';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import { RflrVestingService } from './rflr-vesting.service';

@Controller()
export class RflrVestingController {
  constructor(private readonly service: RflrVestingService) {}

  @EventPattern('rflr-vesting')
  handle(@Payload() batch: StepBatch<AttributedPositionEventRecord>) {
    return this.service.handle(batch);
  }
}
