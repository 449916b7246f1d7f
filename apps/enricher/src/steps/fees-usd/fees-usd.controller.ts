import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { StepBatch } from '@lib/consumer';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import { FeesUsdService } from './fees-usd.service';

@Controller()
export class FeesUsdController {
  constructor(private readonly service: FeesUsdService) {}

  @EventPattern('fees-usd')
  handle(@Payload() batch: StepBatch<AttributedPositionEventRecord>) {
    return this.service.handle(batch);
  }
}
