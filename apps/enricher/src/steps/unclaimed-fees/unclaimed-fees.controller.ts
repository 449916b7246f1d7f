import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { StepBatch } from '@lib/consumer';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import { UnclaimedFeesService } from './unclaimed-fees.service';

@Controller()
export class UnclaimedFeesController {
  constructor(private readonly service: UnclaimedFeesService) {}

  @EventPattern('unclaimed-fees')
  handle(@Payload() batch: StepBatch<AttributedPositionEventRecord>) {
    return this.service.handle(batch);
  }
}
