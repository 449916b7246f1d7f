import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { StepBatch } from '@lib/consumer';
import type { PositionEventRecord } from '@lib/kafka';
import { PoolAttributionService } from './pool-attribution.service';

@Controller()
export class PoolAttributionController {
  constructor(private readonly service: PoolAttributionService) {}

  @EventPattern('pool-attribution')
  handle(@Payload() batch: StepBatch<PositionEventRecord>) {
    return this.service.handle(batch);
  }
}
