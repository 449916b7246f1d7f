import type { Admin } from 'kafkajs';
import { TOPICS, type TopicKey } from '@lib/pipeline';

/**
 * Partitions are the ceiling of parallelism per step. Six suits this 2-core machine
 * (up to six instances of a step); production sets KAFKA_PARTITIONS to what it needs.
 */
export function defaultPartitions(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.KAFKA_PARTITIONS ?? 6);
  if (!Number.isInteger(n) || n < 1) throw new Error(`KAFKA_PARTITIONS must be a positive integer, got "${env.KAFKA_PARTITIONS}"`);
  return n;
}

/** Every topic's name under a prefix, by role (`names[step.input]` is a step's input topic). */
export type TopicNames = Record<TopicKey, string>;

/** Topic names with an optional prefix, so tests run side by side on one broker. */
export function topicNames(prefix = ''): TopicNames {
  return {
    positionEvents: prefix + TOPICS.positionEvents,
    attributedPositionEvents: prefix + TOPICS.attributedPositionEvents,
    poolEvents: prefix + TOPICS.poolEvents,
    deadLetters: prefix + TOPICS.deadLetters,
  };
}

/**
 * Creates the pipeline's topics where missing (existing ones are left as they are) and
 * waits until every partition has a leader. kafkajs's own `waitForLeaders` retries only
 * LEADER_NOT_AVAILABLE, while a KRaft broker answers UNKNOWN_TOPIC_OR_PARTITION until the
 * new topic has propagated, so the wait is done here by polling the metadata.
 */
export async function ensureTopics(admin: Admin, names: TopicNames, partitions = defaultPartitions()): Promise<void> {
  await createTopicsAndWait(
    admin,
    Object.values(names).map((topic) => ({ topic, numPartitions: topic === names.deadLetters ? 1 : partitions })),
  );
}

export async function createTopicsAndWait(admin: Admin, topics: { topic: string; numPartitions: number }[], timeoutMs = 30_000): Promise<void> {
  const all = topics.map((t) => t.topic);
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t.topic));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: false,
      topics: missing.map((t) => ({ ...t, replicationFactor: replicationFactor() })),
    });
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const meta = await admin.fetchTopicMetadata({ topics: all });
      if (meta.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`topics ${all.join(', ')} have no leader after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** 1 on the single local broker; a cluster sets KAFKA_REPLICATION_FACTOR (e.g. 3). */
function replicationFactor(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.KAFKA_REPLICATION_FACTOR ?? 1);
  if (!Number.isInteger(n) || n < 1) throw new Error(`KAFKA_REPLICATION_FACTOR must be a positive integer, got "${env.KAFKA_REPLICATION_FACTOR}"`);
  return n;
}
