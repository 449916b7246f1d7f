import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { StepBatch } from '@lib/consumer';
import type { PoolEventRecord } from '@lib/kafka';
import { AprService } from './apr.service';

@Controller()
export class AprController {
  constructor(private readonly service: AprService) {}

  @EventPattern('apr')
  handle(@Payload() batch: StepBatch<PoolEventRecord>) {
    return this.service.handle(batch);
  }
}
