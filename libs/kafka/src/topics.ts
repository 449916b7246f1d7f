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

/** Creates the pipeline's topics where missing; existing topics are left as they are. */
export async function ensureTopics(admin: Admin, names: TopicNames, partitions = defaultPartitions()): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = Object.values(names).filter((t) => !existing.has(t));
  if (missing.length === 0) return;
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((topic) => ({
      topic,
      numPartitions: topic === names.deadLetters ? 1 : partitions,
      replicationFactor: 1,
    })),
  });
}
