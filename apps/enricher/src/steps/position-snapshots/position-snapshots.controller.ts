import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { StepBatch } from '@lib/consumer';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import { PositionSnapshotsService } from './position-snapshots.service';

@Controller()
export class PositionSnapshotsController {
  constructor(private readonly service: PositionSnapshotsService) {}

  @EventPattern('position-snapshots')
  handle(@Payload() batch: StepBatch<AttributedPositionEventRecord>) {
    return this.service.handle(batch);
  }
}
