import { createHash } from 'node:crypto';

/**
 * What a scale dataset is made from. The same options give byte-identical rows; the cache
 * key is a hash of them and of GENERATOR_VERSION, which is raised whenever the generator's
 * output changes, so a cached dataset is never one an older generator made.
 */
export const GENERATOR_VERSION = 1;

export interface DatasetOptions {
  /** Position events to generate (at least: generation stops after the transaction that reaches it). */
  events: number;
  /** Swaps per position event, on average. */
  swapsPerEvent: number;
  /** Days of chain time the history spans, about. */
  days: number;
  seed: number;
}

export const DEFAULT_DATASET: DatasetOptions = { events: 1_000_000, swapsPerEvent: 0.5, days: 180, seed: 1 };

export class DatasetOptionsError extends Error {}

export function datasetOptions(partial: Partial<DatasetOptions> = {}): DatasetOptions {
  const o: DatasetOptions = {
    events: partial.events ?? DEFAULT_DATASET.events,
    swapsPerEvent: partial.swapsPerEvent ?? DEFAULT_DATASET.swapsPerEvent,
    days: partial.days ?? DEFAULT_DATASET.days,
    seed: partial.seed ?? DEFAULT_DATASET.seed,
  };
  if (!Number.isInteger(o.events) || o.events < 1) throw new DatasetOptionsError(`events must be a positive integer, got ${o.events}`);
  if (!(o.swapsPerEvent >= 0 && o.swapsPerEvent <= 100)) throw new DatasetOptionsError(`swapsPerEvent must be within 0..100, got ${o.swapsPerEvent}`);
  if (!(o.days > 0 && o.days <= 3650)) throw new DatasetOptionsError(`days must be within (0, 3650], got ${o.days}`);
  if (!Number.isInteger(o.seed) || o.seed < 0 || o.seed > 0xffffffff) throw new DatasetOptionsError(`seed must be an integer within 0..2^32-1, got ${o.seed}`);
  return o;
}

/** The cache directory's name: `scale-<events>-<12 hex of the options' hash>`. */
export function datasetName(o: DatasetOptions): string {
  const key = JSON.stringify({ generator: GENERATOR_VERSION, events: o.events, swapsPerEvent: o.swapsPerEvent, days: o.days, seed: o.seed });
  return `scale-${o.events}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}
