import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { AppConfig } from '@lib/config';
import { APP_CONFIG, KAFKA } from '@lib/platform';
import { EndMarkerOriginRepository, STEPS, groupIdOf } from '@lib/pipeline';
import { topicNames } from '@lib/kafka';
import type { ReplayRun } from '../replay/replay-run.repository';

/**
 * `reset` of a step = its group's offsets back to the run's start and the run's end
 * markers it met forgotten, so it re-runs the run's records (its writes are idempotent:
 * the tables end the same). Kafka only lets an empty group's offsets be moved, so the
 * step's instances must be stopped first.
 */
@Injectable()
export class StepOffsetsService {
  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly markers: EndMarkerOriginRepository,
  ) {}

  async resetToRunStart(run: ReplayRun, stepNames: string[]): Promise<string[]> {
    const topics = topicNames(this.config.namePrefix);
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const steps = STEPS.filter((s) => stepNames.includes(s.name));
      const groups = await admin.describeGroups(steps.map((s) => groupIdOf(s, this.config.namePrefix)));
      const busy = groups.groups.filter((g) => g.members.length > 0).map((g) => g.groupId);
      if (busy.length > 0) throw new ConflictException(`stop the instances of ${busy.join(', ')} before resetting (Kafka moves only an empty group's offsets)`);
      for (const step of steps) {
        const topic = topics[step.input];
        const start = run.startOffsets[topic] ?? {};
        const partitions = Object.entries(start).map(([partition, offset]) => ({ partition: Number(partition), offset }));
        if (partitions.length > 0) await admin.setOffsets({ groupId: groupIdOf(step, this.config.namePrefix), topic, partitions });
      }
      await this.markers.forget(
        steps.map((s) => s.name),
        run.id,
      );
      return steps.map((s) => s.name);
    } finally {
      await admin.disconnect();
    }
  }
}
