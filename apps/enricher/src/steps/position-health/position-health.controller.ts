import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { StepBatch } from '@lib/consumer';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import { PositionHealthService } from './position-health.service';

@Controller()
export class PositionHealthController {
  constructor(private readonly service: PositionHealthService) {}

  @EventPattern('position-health')
  handle(@Payload() batch: StepBatch<AttributedPositionEventRecord>) {
    return this.service.handle(batch);
  }
}
