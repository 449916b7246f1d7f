import type { Pool } from 'pg';
import { withTransaction } from '@lib/db';
import { screenBatch, type Computed, type EnrichmentStep } from './enrichment-step';
import type { MarkerGate } from './marker-gate';
import { ownsKey } from './marker-scope';
import { forEachOwnedPage } from './owned-pages';
import type { OutputMessage, Rejection, StepBatchHandler } from './step-handler';

export interface StepDriverDeps {
  db: Pool;
  /** The step's marker gate; needed only by a step with `runEnd`. */
  gate?: MarkerGate;
}

/**
 * The batch handler of a step definition: screen, load, compute, write (one transaction),
 * then, once a run has ended in the batch's partition, the step's run-end pages. What it
 * returns (rejections, output) the batch processor publishes before it commits.
 */
export function stepDriver<In, Facts, Row>(step: EnrichmentStep<In, Facts, Row>, deps: StepDriverDeps): StepBatchHandler<In> {
  if (step.runEnd && !deps.gate) throw new Error(`step ${step.name} works at a run's end but has no marker gate`);
  const write = async (computed: Computed<Row>): Promise<void> => {
    if (computed.rows.length > 0) await withTransaction(deps.db, (tx) => step.sink.write(tx, computed.rows));
  };
  return async (batch) => {
    const { accepted, rejected } = screenBatch(step, batch);
    const rejections: Rejection[] = [...rejected];
    const output: OutputMessage[] = [];
    if (accepted.length > 0) {
      const computed = step.compute(await step.load(accepted, batch));
      rejections.push(...(computed.rejections ?? []));
      output.push(...(computed.output ?? []));
      await write(computed);
    }
    // Run-end rows after the events': for a key whose last event shares the run's as-of time, "after everything" wins.
    const runEnd = step.runEnd;
    if (runEnd && batch.markers.length > 0) {
      for (const marker of await deps.gate!.ended(batch)) {
        if (await runEnd.skip?.(marker)) continue;
        await forEachOwnedPage(
          { read: (after, limit) => runEnd.items(after, limit), keyOf: (item) => runEnd.keyOf(item), owns: ownsKey(marker, batch.partition) },
          async (page) => {
            await write(step.compute(await runEnd.load(page, marker)));
          },
        );
      }
    }
    return { rejected: rejections, output };
  };
}
