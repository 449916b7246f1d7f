import { AssignerProtocol, type Admin } from 'kafkajs';
import { topicNames } from '@lib/kafka';
import { freePort } from '@lib/local-chain';
import { findStep, groupIdOf } from '@lib/pipeline';
import { groupLag, topicRecords } from './kafka-admin';
import { BenchProcess, type RssSampler } from './processes';
import type { RpcCounter } from './rpc-counter';
import { now, poll } from './timing';

export interface StepRunContext {
  kadmin: Admin;
  prefix: string;
  /** Environment of every step process: database, name prefix, RPC (through the counter), pricing. */
  env: NodeJS.ProcessEnv;
  rss: RssSampler;
  /** Every process the bench started, for clean-up and error output. */
  processes: BenchProcess[];
  rpc: RpcCounter;
}

export interface StepRun {
  step: string;
  instances: number;
  /** Records in the input topic (what the group consumed to lag 0). */
  records: number;
  /** From the first instance's ready line to lag 0. */
  seconds: number;
  /**
   * Records still to commit when the group was first seen stable with every instance a
   * member, per second from then to lag 0: the rate without start-up, group joins and
   * rebalances (NaN when lag 0 came first).
   */
  steadyEventsPerSec: number;
  /** From the first ready line until the group was stable with every instance (null: never seen). */
  stableAfterSeconds: number | null;
  /** Spawn to the first ready line. */
  startupSeconds: number;
  rpcCalls: number;
  /** Names under which the RSS sampler watched the instances. */
  processNames: string[];
  /** Every instance printed its ready line before lag 0 (else the run was over before all were up). */
  allReady: boolean;
}

const READY = /"instance"/;

/**
 * A steady rate needs a window worth measuring: a group that settled only near the end
 * (a rebalance waits for the batches in flight) leaves a few records and a fraction of a
 * second, whose rate is noise — then there is no steady figure.
 */
export function steadyWindowIsMeaningful(remaining: number, records: number, seconds: number): boolean {
  return seconds >= 2 && remaining >= 0.25 * records;
}

/** The group has settled: state Stable, `members` members, each with partitions assigned. */
async function groupStableWith(admin: Admin, groupId: string, members: number): Promise<boolean> {
  const { groups } = await admin.describeGroups([groupId]);
  const g = groups[0];
  const partitionsOf = (assignment: Buffer) => Object.values(AssignerProtocol.MemberAssignment.decode(assignment)?.assignment ?? {}).flat().length;
  return g?.state === 'Stable' && g.members.length === members && g.members.every((m) => partitionsOf(m.memberAssignment) > 0);
}

/**
 * Runs `instances` processes of a step in its consumer group, all spawned at once, and
 * times them from the first ready line until the group's lag on the input topic is 0;
 * then stops them (SIGTERM: they commit and leave the group). The group must be fresh
 * (never committed), or the run measures only what is left.
 */
export async function runStep(ctx: StepRunContext, step: string, instances: number): Promise<StepRun> {
  const def = findStep(step);
  const topic = topicNames(ctx.prefix)[def.input];
  const group = groupIdOf(def, ctx.prefix);
  const records = await topicRecords(ctx.kadmin, topic);
  const callsBefore = ctx.rpc.calls;
  const procs: BenchProcess[] = [];
  const tSpawn = now();
  for (let i = 1; i <= instances; i++) {
    const name = instances === 1 ? `step ${step}` : `step ${step} (${instances} instances) #${i}`;
    const p = BenchProcess.start(name, 'dist/apps/enricher/src/main.js', ['--step', step], { ...ctx.env, METRICS_PORT: String(await freePort()) });
    ctx.processes.push(p);
    ctx.rss.watch(name, p.pid);
    procs.push(p);
  }
  try {
    const readyAt: (number | undefined)[] = procs.map(() => undefined);
    const ready = procs.map((p, i) => p.waitFor(READY).then(() => (readyAt[i] = now())));
    ready.forEach((r) => r.catch(() => undefined)); // a later failure is reported by the checks below
    await Promise.race(ready);
    const tReady = now();
    let stable: { at: number; lag: number } | undefined;
    await poll(
      async () => {
        const lag = await groupLag(ctx.kadmin, group, topic);
        if (!stable && lag > 0 && (await groupStableWith(ctx.kadmin, group, instances))) stable = { at: now(), lag: await groupLag(ctx.kadmin, group, topic) };
        return lag;
      },
      (lag) => lag === 0 || procs.some((p) => !p.running),
      `${step} (${instances} instance(s)) lag 0`,
      1_800_000,
      100,
    );
    const tDone = now();
    const dead = procs.find((p) => !p.running);
    if (dead) throw new Error(`${dead.name} exited during the run:\n${dead.tail()}`);
    const steadySec = stable ? (tDone - stable.at) / 1000 : NaN;
    return {
      step,
      instances,
      records,
      seconds: (tDone - tReady) / 1000,
      steadyEventsPerSec: stable && steadyWindowIsMeaningful(stable.lag, records, steadySec) ? stable.lag / steadySec : NaN,
      stableAfterSeconds: stable ? (stable.at - tReady) / 1000 : null,
      startupSeconds: (tReady - tSpawn) / 1000,
      rpcCalls: ctx.rpc.calls - callsBefore,
      processNames: procs.map((p) => p.name),
      allReady: readyAt.every((t) => t !== undefined && t <= tDone),
    };
  } finally {
    await Promise.all(procs.map((p) => p.stop()));
  }
}
