import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { StepBatch } from '@lib/consumer';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import { ImpermanentLossService } from './impermanent-loss.service';

@Controller()
export class ImpermanentLossController {
  constructor(private readonly service: ImpermanentLossService) {}

  @EventPattern('impermanent-loss')
  handle(@Payload() batch: StepBatch<AttributedPositionEventRecord>) {
    return this.service.handle(batch);
  }
}
