import type { EndOfReplayMarker } from '@lib/kafka';
import type { Queryable } from '@lib/db';
import type { IncomingRecord, OutputMessage, Rejection, StepBatch } from './step-handler';

/** Where a batch comes from: what `load` may need beyond the records (the partition owns keys). */
export interface BatchPlace {
  topic: string;
  partition: number;
}

/** What `compute` returns: the rows to write, the records it rejects (to the DLQ, with a reason), records for the output topic. */
export interface Computed<Row> {
  rows: Row[];
  rejections?: Rejection[];
  output?: OutputMessage[];
}

/** A step's writes: given the rows of one batch (or one page at a run's end) and the transaction to write them in. */
export interface StepSink<Row> {
  write(db: Queryable, rows: readonly Row[]): Promise<unknown>;
}

/**
 * Work at the end of a replay run, for the items (positions, pools…) this partition owns:
 * the runtime walks `items` in keyset pages, keeps those whose Kafka key `keyOf` the
 * producer maps to the partition, and for each page runs `load` → the step's `compute` → `sink`.
 */
export interface RunEndWork<Item, Facts> {
  /** The `limit` items after `after` (undefined: from the start), in one stable key order. */
  items(after: Item | undefined, limit: number): Promise<Item[]>;
  keyOf(item: Item): string;
  /** Skip the run's end altogether (e.g. no block at or before its as-of time). */
  skip?(marker: EndOfReplayMarker): Promise<boolean>;
  load(page: Item[], marker: EndOfReplayMarker): Promise<Facts>;
}

/**
 * One enrichment step as the runtime drives it (docs/architecture.md). The runtime owns
 * decoding, the input screen, the DLQ, output records, the commit, the end-of-run marker
 * gate and owned-key paging; the step says only:
 * - `screen`: a record the step cannot take (a reason), before anything is read;
 * - `load`: every fact `compute` needs, read for the batch's records (I/O);
 * - `compute`: pure, facts → rows, rejections, output;
 * - `sink`: the rows' upserts, run in one transaction;
 * - `runEnd`: optional rows as of a run's end, for the items the partition owns.
 */
export interface EnrichmentStep<In, Facts, Row> {
  readonly name: string;
  screen?(record: In): string | undefined;
  load(records: IncomingRecord<In>[], place: BatchPlace): Promise<Facts>;
  compute(facts: Facts): Computed<Row>;
  readonly sink: StepSink<Row>;
  readonly runEnd?: RunEndWork<unknown, Facts>;
}

/** Identity with the types checked: `export const x = defineStep({...})` or a class implementing EnrichmentStep. */
export function defineStep<In, Facts, Row>(step: EnrichmentStep<In, Facts, Row>): EnrichmentStep<In, Facts, Row> {
  return step;
}

/** Splits a batch by the step's screen: the records it takes, and a rejection for each it does not. */
export function screenBatch<In>(
  step: Pick<EnrichmentStep<In, unknown, unknown>, 'screen'>,
  batch: StepBatch<In>,
): { accepted: IncomingRecord<In>[]; rejected: Rejection[] } {
  if (!step.screen) return { accepted: batch.records, rejected: [] };
  const accepted: IncomingRecord<In>[] = [];
  const rejected: Rejection[] = [];
  for (const r of batch.records) {
    const reason = step.screen(r.value);
    if (reason === undefined) accepted.push(r);
    else rejected.push({ offset: r.offset, reason });
  }
  return { accepted, rejected };
}
