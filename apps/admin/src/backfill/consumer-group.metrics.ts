import { Injectable, Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { AdminMetrics } from '../metrics/admin-metrics';
import { BackfillStatusService, type BackfillStatus, type StatusOffsets } from './backfill-status.service';

/** One sample: a metric name, its labels and its value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * The consumer-group metrics under kafka_exporter's names (so its Grafana dashboards work)
 * and `lp_backfill_running`, from one status and the offsets it was computed from: the lag
 * is exactly the status's (the run's end offsets, or for a derived topic its high watermark,
 * minus the committed offset clamped to the run), per partition.
 */
export function consumerGroupSamples(status: BackfillStatus, offsets: StatusOffsets): Sample[] {
  const out: Sample[] = [{ name: 'lp_backfill_running', labels: {}, value: status.running ? 1 : 0 }];
  for (const step of offsets.steps) {
    for (const p of step.partitions) {
      const labels = { consumergroup: step.group, topic: step.input, partition: p.partition };
      out.push({ name: 'kafka_consumergroup_lag', labels, value: p.lag });
      out.push({ name: 'kafka_consumergroup_current_offset', labels, value: p.position });
    }
  }
  for (const step of status.steps) out.push({ name: 'kafka_consumergroup_members', labels: { consumergroup: step.group }, value: step.instances });
  for (const [topic, partitions] of Object.entries(offsets.high)) {
    for (const [partition, high] of Object.entries(partitions)) {
      out.push({ name: 'kafka_topic_partition_current_offset', labels: { topic, partition }, value: Number(high) });
    }
  }
  return out;
}

const HELP: Record<string, [string, string[]]> = {
  kafka_consumergroup_lag: [
    "Records of the latest run a step's group has not processed yet, per partition of its input",
    ['consumergroup', 'topic', 'partition'],
  ],
  kafka_consumergroup_current_offset: [
    "The group's committed offset, clamped to the latest run (its start when never committed)",
    ['consumergroup', 'topic', 'partition'],
  ],
  kafka_consumergroup_members: ["Members of a step's consumer group (its running instances)", ['consumergroup']],
  kafka_topic_partition_current_offset: ['High watermark of a partition of a step input topic', ['topic', 'partition']],
  lp_backfill_running: ['1 while the latest run is running or paused, or its steps are still consuming it', []],
};

/**
 * Registers the gauges above on the admin app's registry. Each scrape reads the status once
 * (the gauges share one read made at most once a second); when Kafka or PostgreSQL does not
 * answer, the gauges are left empty for that scrape rather than failing /metrics.
 */
@Injectable()
export class ConsumerGroupMetrics {
  private readonly logger = new Logger('Metrics');
  private readonly gauges = new Map<string, Gauge>();
  private pending: { at: number; done: Promise<void> } | undefined;

  constructor(
    metrics: AdminMetrics,
    private readonly status: BackfillStatusService,
  ) {
    for (const [name, [help, labelNames]] of Object.entries(HELP)) {
      const refresh = () => this.refresh();
      this.gauges.set(name, new Gauge({ name, help, labelNames, registers: [metrics.registry], collect: refresh }));
    }
  }

  private refresh(): Promise<void> {
    const now = Date.now();
    if (!this.pending || now - this.pending.at > 1000) this.pending = { at: now, done: this.read() };
    return this.pending.done;
  }

  private async read(): Promise<void> {
    let samples: Sample[] = [];
    try {
      const { status, offsets } = await this.status.snapshot();
      samples = consumerGroupSamples(status, offsets);
    } catch (err) {
      this.logger.warn(`consumer group metrics unavailable: ${(err as Error).message}`);
    }
    for (const g of this.gauges.values()) g.reset();
    for (const s of samples) this.gauges.get(s.name)!.set(s.labels, s.value);
  }
}
