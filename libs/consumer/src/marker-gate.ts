import type { EndOfReplayMarker } from '@lib/kafka';
import type { EndMarkerOriginRepository } from '@lib/pipeline';
import { runArrivals, runEnded } from './marker-arrivals';
import type { StepBatch } from './step-handler';

/**
 * Whether a run has ended in a batch's partition. A marker forwarded by step 1 follows
 * only its origin partition's records; the step acts on the run's end once every origin's
 * marker has reached the partition (step 1 has then attributed every input partition).
 * The origins met are recorded (EndMarkerOriginRepository) before the answer, so it
 * survives restarts; a batch that dies after recording is delivered again and, the count
 * being complete already, computes then (the step's writes are idempotent).
 */
export class MarkerGate {
  constructor(
    private readonly origins: EndMarkerOriginRepository,
    private readonly step: string,
  ) {}

  /** Records the batch's markers; returns one marker per run that has now ended here, first seen first. */
  async ended(batch: Pick<StepBatch<unknown>, 'topic' | 'partition' | 'markers'>): Promise<EndOfReplayMarker[]> {
    const ended: EndOfReplayMarker[] = [];
    for (const run of runArrivals(batch.markers)) {
      if (run.origins === undefined) {
        ended.push(run.marker);
        continue;
      }
      const place = { step: this.step, runId: run.marker.runId, topic: batch.topic, partition: batch.partition };
      if (runEnded(run.origins, await this.origins.record(place, run.seen, run.origins))) ended.push(run.marker);
    }
    return ended;
  }
}
