import type { IncomingRecord, Rejection, StepBatchHandler, StepBatchResult } from './step-handler';

/**
 * Checks a batch's decoded records before the step sees them: the records it rejects go
 * to the DLQ with their reason, as the step's own rejections do. It may read (the
 * database, say); a failure is retried like the step's, never taken as a rejection.
 */
export type RecordScreen = (records: readonly IncomingRecord<unknown>[]) => Promise<Rejection[]>;

/** `handler` behind `screen`: it receives only the records the screen let through. */
export function screenedHandler(handler: StepBatchHandler, screen: RecordScreen): StepBatchHandler {
  return async (batch) => {
    const screened = await screen(batch.records);
    if (screened.length === 0) return handler(batch);
    const out = new Set(screened.map((r) => r.offset));
    const result: StepBatchResult = (await handler({ ...batch, records: batch.records.filter((r) => !out.has(r.offset)) })) ?? {};
    return { ...result, rejected: [...screened, ...(result.rejected ?? [])] };
  };
}
