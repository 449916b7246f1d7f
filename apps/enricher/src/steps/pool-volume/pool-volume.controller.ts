import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { StepBatch } from '@lib/consumer';
import type { PoolEventRecord } from '@lib/kafka';
import { PoolVolumeService } from './pool-volume.service';

@Controller()
export class PoolVolumeController {
  constructor(private readonly service: PoolVolumeService) {}

  @EventPattern('pool-volume')
  handle(@Payload() batch: StepBatch<PoolEventRecord>) {
    return this.service.handle(batch);
  }
}
