import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CacheLookupObserver } from '@lib/chain';

/** The step instance's StepMetrics, for providers that count (the chain client). */
export const STEP_METRICS = Symbol('STEP_METRICS');

/** The Prometheus metrics of one step instance, labelled by step. */
export class StepMetrics {
  readonly registry = new Registry();
  readonly recordsIn: Counter;
  readonly recordsOut: Counter;
  readonly deadLetters: Counter;
  readonly retries: Counter;
  readonly batchSeconds: Histogram;
  readonly lag: Gauge;
  readonly rpcCalls: Counter;
  readonly cacheHits: Counter;
  readonly cacheMisses: Counter;

  constructor(step: string) {
    this.registry.setDefaultLabels({ step });
    collectDefaultMetrics({ register: this.registry });
    this.recordsIn = new Counter({ name: 'lp_step_records_in_total', help: 'Records consumed and committed', registers: [this.registry] });
    this.recordsOut = new Counter({ name: 'lp_step_records_out_total', help: 'Records written to the output topic', registers: [this.registry] });
    this.deadLetters = new Counter({
      name: 'lp_step_dead_letters_total',
      help: 'Records sent to the DLQ, by class: rejected (input screen or step), deterministic (an error that says so), unknown (an unknown error repeated on the record)',
      labelNames: ['class'],
      registers: [this.registry],
    });
    this.retries = new Counter({
      name: 'lp_step_retries_total',
      help: 'Retried batch stages, by stage and class of the error',
      labelNames: ['stage', 'class'],
      registers: [this.registry],
    });
    this.batchSeconds = new Histogram({
      name: 'lp_step_batch_seconds',
      help: 'Time from fetch to commit of one batch',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    this.lag = new Gauge({
      name: 'lp_step_partition_lag',
      help: 'High watermark minus committed offset',
      labelNames: ['partition'],
      registers: [this.registry],
    });
    this.rpcCalls = new Counter({
      name: 'lp_step_rpc_calls_total',
      help: 'JSON-RPC requests of the chain client, by method',
      labelNames: ['method'],
      registers: [this.registry],
    });
    this.cacheHits = new Counter({
      name: 'lp_step_cache_hits_total',
      help: 'Lookups answered by a cache, by cache',
      labelNames: ['cache'],
      registers: [this.registry],
    });
    this.cacheMisses = new Counter({
      name: 'lp_step_cache_misses_total',
      help: 'Lookups a cache had to load, by cache',
      labelNames: ['cache'],
      registers: [this.registry],
    });
  }

  /** For observeCacheLookups: every named cache of the process counted here. */
  readonly countCacheLookup: CacheLookupObserver = (cache, outcome) => (outcome === 'hit' ? this.cacheHits : this.cacheMisses).inc({ cache });

  readonly countRpcCall = (method: string): void => {
    this.rpcCalls.inc({ method });
  };
}
