import type { INestApplicationContext } from '@nestjs/common';
import type { Pool } from 'pg';
import { MarkerGate, stepDriver, type StepBatchHandler } from '@lib/consumer';
import { EndMarkerOriginRepository } from '@lib/pipeline';
import { PG_POOL } from '@lib/platform';
import type { StepEntry } from '../steps';

/**
 * The batch handler of a step in an app built by `EnricherModule.forStep(entry)`: its
 * definition driven by the runtime, with the step's own marker gate. The service, the
 * profiler and the bench's sequential baseline all run a step through this.
 */
export function stepHandlerOf(app: INestApplicationContext, entry: StepEntry): StepBatchHandler {
  const step = app.get(entry.step);
  return stepDriver(step, { db: app.get<Pool>(PG_POOL), gate: new MarkerGate(app.get(EndMarkerOriginRepository), step.name) });
}
