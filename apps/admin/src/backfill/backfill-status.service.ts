import { Inject, Injectable } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import type { AppConfig } from '@lib/config';
import { APP_CONFIG, KAFKA, PG_POOL } from '@lib/platform';
import { STEPS, groupIdOf, upstreamOf, type StepDefinition } from '@lib/pipeline';
import { topicNames } from '@lib/kafka';
import { ReplayService } from '../replay/replay.service';
import type { ReplayRun, TopicOffsets } from '../replay/replay-run.repository';
import { topicOffsets } from '../replay/topic-offsets';
import { StepHealthRepository } from './step-health.repository';
import { partitionProgress, stepProgress, type PartitionProgress } from './step-progress';

export type StepState = 'idle' | 'waiting' | 'running' | 'complete';

export interface StepStatus {
  name: string;
  title: string;
  group: string;
  input: string;
  state: StepState;
  committed: number;
  end: number;
  lag: number;
  ratePerSec: number;
  instances: number;
  dlq: number;
  lastError: string | null;
}

export interface BackfillStatus {
  running: boolean;
  startedAt: string | null;
  currentProcess: string | null;
  completedProcesses: string[];
  failedProcesses: string[];
  progress: { total: number; completed: number; failed: number };
  state: string;
  runId: string | null;
  asOfTime: number | null;
  replay: { rowsTotal: number; rowsProduced: number };
  steps: StepStatus[];
}

/** The offsets a status was computed from, per partition (the admin's /metrics exports them). */
export interface StatusOffsets {
  /** Per step of the run: its group, input topic and each partition's progress in the run. */
  steps: { name: string; group: string; input: string; partitions: PartitionProgress[] }[];
  /** High watermarks of the input topics that exist. */
  high: TopicOffsets;
}

/**
 * Status is derived, never kept in memory: the run from `replay_run`, each step's
 * progress from its group's committed offsets against the run's offsets (Kafka admin).
 * Only the rate needs two looks, so the previous sample is remembered here.
 */
@Injectable()
export class BackfillStatusService {
  private readonly health: StepHealthRepository;
  private readonly samples = new Map<string, { at: number; committed: number; rate: number }>();

  constructor(
    @Inject(PG_POOL) pool: Pool,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly replay: ReplayService,
  ) {
    this.health = new StepHealthRepository(pool);
  }

  async status(): Promise<BackfillStatus> {
    return (await this.snapshot()).status;
  }

  /** The status and the per-partition offsets it was computed from, in one look. */
  async snapshot(): Promise<{ status: BackfillStatus; offsets: StatusOffsets }> {
    const run = await this.replay.latest();
    const health = await this.health.byStep();
    const admin = this.kafka.admin();
    await admin.connect();
    let steps: StepStatus[];
    const offsets: StatusOffsets = { steps: [], high: {} };
    try {
      steps = await this.stepStatuses(admin, run, health, offsets);
    } finally {
      await admin.disconnect();
    }
    const complete = steps.filter((s) => s.state === 'complete');
    const failed = steps.filter((s) => s.state !== 'complete' && s.lastError);
    const allComplete = run !== undefined && complete.length === steps.length;
    const running = run !== undefined && (run.state === 'running' || run.state === 'paused' || (run.state === 'replayed' && !allComplete));
    const status: BackfillStatus = {
      running,
      startedAt: run?.startedAt ? new Date(run.startedAt).toISOString() : null,
      currentProcess: steps.find((s) => s.state === 'running')?.title ?? null,
      completedProcesses: complete.map((s) => s.title),
      failedProcesses: failed.map((s) => `${s.title}: ${s.lastError}`),
      progress: { total: steps.length, completed: complete.length, failed: failed.length },
      state: !run ? 'idle' : allComplete ? 'completed' : run.state,
      runId: run?.id ?? null,
      asOfTime: run?.asOfTime ?? null,
      replay: { rowsTotal: run?.rowsTotal ?? 0, rowsProduced: run?.rowsProduced ?? 0 },
      steps,
    };
    return { status, offsets };
  }

  private async stepStatuses(
    admin: Admin,
    run: ReplayRun | undefined,
    health: Map<string, { dlq: number; lastError: string | null; recentInstances: number }>,
    offsets: StatusOffsets,
  ): Promise<StepStatus[]> {
    const topics = topicNames(this.config.namePrefix);
    const chosen = run ? STEPS.filter((s) => run.steps.includes(s.name)) : [...STEPS];
    const inputTopics = [...new Set(chosen.map((s) => topics[s.input]))];
    const existing = new Set(await admin.listTopics());
    const high = await topicOffsets(
      admin,
      inputTopics.filter((t) => existing.has(t)),
    );
    offsets.high = high;
    const groups = await admin.describeGroups(chosen.map((s) => groupIdOf(s, this.config.namePrefix)));
    const statuses = new Map<string, StepStatus>();
    // Upstream steps first, so a downstream step can see whether its input is final.
    for (const step of orderByUpstream(chosen)) {
      const input = topics[step.input];
      const group = groupIdOf(step, this.config.namePrefix);
      const committed = existing.has(input) ? await this.committedOffsets(admin, group, input) : {};
      const replayed = run?.state === 'replayed';
      const upstream = upstreamOf(step);
      const upstreamDone = !upstream || !chosen.includes(upstream) || statuses.get(upstream.name)?.state === 'complete';
      // A topic the replay writes has fixed end offsets once replayed; a derived topic's
      // end is its current high watermark, final once the step feeding it is complete.
      const end = run?.endOffsets[input] ?? high[input] ?? {};
      const p = run ? stepProgress(run.startOffsets[input] ?? {}, end, committed) : { committed: 0, end: 0, lag: 0 };
      if (run) offsets.steps.push({ name: step.name, group, input, partitions: partitionProgress(run.startOffsets[input] ?? {}, end, committed) });
      const h = health.get(step.name);
      const members = groups.groups.find((g) => g.groupId === group)?.members.length ?? 0;
      const state: StepState = !run ? 'idle' : p.lag === 0 && replayed && upstreamDone ? 'complete' : p.end === 0 ? 'waiting' : 'running';
      statuses.set(step.name, {
        name: step.name,
        title: step.title,
        group,
        input,
        state,
        ...p,
        ratePerSec: this.rate(step.name, p.committed),
        instances: members,
        dlq: h?.dlq ?? 0,
        // Instances clear their own error once a batch after it commits; a complete step has
        // nothing outstanding, so an error left by an instance that died before it recovered is not shown.
        lastError: state === 'complete' ? null : (h?.lastError ?? null),
      });
    }
    return chosen.map((s) => statuses.get(s.name)!);
  }

  private async committedOffsets(admin: Admin, groupId: string, topic: string): Promise<Record<string, string>> {
    const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return Object.fromEntries((t?.partitions ?? []).map((p) => [String(p.partition), p.offset]));
  }

  /** Records per second since the previous look (smoothed: the status is polled every few seconds). */
  private rate(step: string, committed: number): number {
    const now = Date.now();
    const prev = this.samples.get(step);
    let rate = prev?.rate ?? 0;
    if (prev && now - prev.at >= 1000) {
      const instant = Math.max(0, committed - prev.committed) / ((now - prev.at) / 1000);
      rate = Math.round(prev.rate === 0 ? instant : 0.5 * prev.rate + 0.5 * instant);
    }
    if (!prev || now - prev.at >= 1000) this.samples.set(step, { at: now, committed, rate });
    return rate;
  }
}

function orderByUpstream(steps: StepDefinition[]): StepDefinition[] {
  return [...steps].sort((a, b) => (upstreamOf(a) ? 1 : 0) - (upstreamOf(b) ? 1 : 0));
}
