import type { IHeaders } from 'kafkajs';
import type { EndOfReplayMarker } from '@lib/kafka';

/** One decoded data record of a batch. */
export interface IncomingRecord<T> {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: T;
}

/** What a step receives: the decoded records of one partition's batch, in offset order. */
export interface StepBatch<T> {
  topic: string;
  partition: number;
  records: IncomingRecord<T>[];
  /** End-of-replay markers met in this batch (after the records that preceded them). */
  markers: EndOfReplayMarker[];
}

/** A record the step cannot process (bad input, not a passing failure): it goes to the DLQ. */
export interface Rejection {
  offset: string;
  reason: string;
}

/** A record for the step's output topic; encoded with the step's output schema by the runtime. */
export interface OutputMessage {
  key: string;
  value?: object;
  headers?: IHeaders;
  partition?: number;
}

export interface StepBatchResult {
  rejected?: Rejection[];
  output?: OutputMessage[];
}

/**
 * A step's batch handler. It writes the batch's results (one multi-row upsert, idempotent,
 * in one transaction) and returns rejections and output. Throwing a transient error means
 * "try the whole batch again later": the runtime retries with backoff and never moves past
 * the batch. An error that repeats on the same records (deterministic, or unknown too many
 * times) makes the runtime call it again on parts of the batch (`handleIsolating`): any
 * subset of the records in offset order, without markers, and the markers alone with no
 * records; so a call must depend only on the records it is given.
 */
export type StepBatchHandler<T = unknown> = (batch: StepBatch<T>) => Promise<StepBatchResult | void>;
