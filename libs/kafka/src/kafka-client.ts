import { Kafka, logLevel, type KafkaConfig, type Producer, type SASLOptions, type logCreator } from 'kafkajs';
import { KeyPartitioner } from './key-partitioner';
import type { AppConfig } from '@lib/config';

/**
 * One Kafka client per process. TLS and SASL come from the environment so the same
 * services run against a managed cluster (KAFKA_SSL=true, KAFKA_SASL_MECHANISM=plain|
 * scram-sha-256|scram-sha-512, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD).
 */
export function createKafka(
  config: Pick<AppConfig, 'kafkaBrokers' | 'kafkaClientId'>,
  env: NodeJS.ProcessEnv = process.env,
  /** Where kafkajs logs go; its own JSON on the console by default (the apps pass their logger's). */
  logs?: logCreator,
): Kafka {
  const kafkaConfig: KafkaConfig = {
    clientId: config.kafkaClientId,
    brokers: config.kafkaBrokers,
    logLevel: logLevel.WARN,
    logCreator: logs,
    // Broker restarts are expected (fault suite): retry long enough to ride one out.
    retry: { initialRetryTime: 300, retries: 12, maxRetryTime: 10_000 },
    connectionTimeout: 5_000,
    ssl: env.KAFKA_SSL === 'true' ? true : undefined,
    sasl: saslFromEnv(env),
  };
  return new Kafka(kafkaConfig);
}

export function saslFromEnv(env: NodeJS.ProcessEnv): SASLOptions | undefined {
  const mechanism = env.KAFKA_SASL_MECHANISM?.toLowerCase();
  if (!mechanism) return undefined;
  const username = env.KAFKA_SASL_USERNAME ?? '';
  const password = env.KAFKA_SASL_PASSWORD ?? '';
  if (!username) throw new Error('KAFKA_SASL_MECHANISM is set but KAFKA_SASL_USERNAME is empty');
  switch (mechanism) {
    case 'plain':
      return { mechanism: 'plain', username, password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username, password };
    default:
      throw new Error(`KAFKA_SASL_MECHANISM must be plain, scram-sha-256 or scram-sha-512, got "${mechanism}"`);
  }
}

/**
 * The one way to make a producer: the Java-compatible murmur2 partitioner (kafkajs's
 * default since 2.0, computed faster: KeyPartitioner), acks from the caller, no topic creation.
 */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({ createPartitioner: KeyPartitioner, allowAutoTopicCreation: false });
}
