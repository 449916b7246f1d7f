import type { Admin } from 'kafkajs';
import { loadConfig, type KafkaSettings } from '@lib/config';
import { TOPICS, type TopicKey } from '@lib/pipeline';

/**
 * How the project creates its topics: `config.kafka` (KAFKA_PARTITIONS, default 6: the
 * ceiling of instances per step; KAFKA_REPLICATION_FACTOR, default 1 on the local broker).
 */
export type TopicSettings = Pick<KafkaSettings, 'partitions' | 'replicationFactor'>;

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
export async function ensureTopics(
  admin: Admin,
  names: TopicNames,
  /** `config.kafka`. Without it (deprecated, for callers not yet passing their config): `loadConfig().kafka`. */
  settings: TopicSettings = loadConfig().kafka,
): Promise<void> {
  await createTopicsAndWait(
    admin,
    Object.values(names).map((topic) => ({ topic, numPartitions: topic === names.deadLetters ? 1 : settings.partitions })),
    { replicationFactor: settings.replicationFactor },
  );
}

export async function createTopicsAndWait(
  admin: Admin,
  topics: { topic: string; numPartitions: number }[],
  /** replicationFactor: `config.kafka.replicationFactor`; 1 (the local broker) by default. */
  { replicationFactor = 1, timeoutMs = 30_000 }: { replicationFactor?: number; timeoutMs?: number } = {},
): Promise<void> {
  const all = topics.map((t) => t.topic);
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t.topic));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: false,
      topics: missing.map((t) => ({ ...t, replicationFactor })),
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
