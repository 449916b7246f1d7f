import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Final states a replay run is counted in. */
export type ReplayOutcome = 'replayed' | 'stopped' | 'failed';

/** The admin app's Prometheus metrics: the replay producer and the HTTP API. */
@Injectable()
export class AdminMetrics {
  readonly registry = new Registry();
  readonly replayRowsProduced: Counter;
  readonly replayRuns: Counter;
  readonly replayRunSeconds: Histogram;
  readonly httpRequests: Counter;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.replayRowsProduced = new Counter({
      name: 'lp_replay_rows_produced_total',
      help: 'Source rows the replay producer wrote to Kafka (acknowledged), by source table',
      labelNames: ['source'],
      registers: [this.registry],
    });
    this.replayRuns = new Counter({
      name: 'lp_replay_runs_total',
      help: 'Replay runs that ended in this process, by final state',
      labelNames: ['state'],
      registers: [this.registry],
    });
    this.replayRunSeconds = new Histogram({
      name: 'lp_replay_run_seconds',
      help: "From a run's start to its end (stops and restarts included), by final state",
      labelNames: ['state'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600],
      registers: [this.registry],
    });
    this.httpRequests = new Counter({
      name: 'lp_admin_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
  }

  runEnded(state: ReplayOutcome, startedAt: Date | null): void {
    this.replayRuns.inc({ state });
    if (startedAt) this.replayRunSeconds.observe({ state }, Math.max(0, (Date.now() - startedAt.getTime()) / 1000));
  }
}
