import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { StepBatch } from '@lib/consumer';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import { RangeStatusService } from './range-status.service';

@Controller()
export class RangeStatusController {
  constructor(private readonly service: RangeStatusService) {}

  @EventPattern('range-status')
  handle(@Payload() batch: StepBatch<AttributedPositionEventRecord>) {
    return this.service.handle(batch);
  }
}
