import { Kafka, logLevel, type KafkaConfig, type Producer, type SASLOptions, type logCreator } from 'kafkajs';
import { KeyPartitioner } from './key-partitioner';
import type { AppConfig, KafkaSettings } from '@lib/config';

/** What a Kafka client needs of the configuration (AppConfig has it all). */
export type KafkaClientConfig = Pick<AppConfig, 'kafkaBrokers' | 'kafkaClientId'> & { kafka: Pick<KafkaSettings, 'ssl' | 'sasl'> };

/**
 * One Kafka client per process. TLS and SASL come from the configuration (`config.kafka`:
 * KAFKA_SSL, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD, checked by
 * @lib/config) so the same services run against a managed cluster.
 */
export function createKafka(config: KafkaClientConfig, logs?: logCreator): Kafka;
/** @deprecated The environment argument is ignored (TLS and SASL come from `config.kafka`): call `createKafka(config, logs)`. */
export function createKafka(config: KafkaClientConfig, env: NodeJS.ProcessEnv | undefined, logs?: logCreator): Kafka;
export function createKafka(
  config: KafkaClientConfig,
  /** Where kafkajs logs go; its own JSON on the console by default (the apps pass their logger's). */
  logsOrEnv?: logCreator | NodeJS.ProcessEnv,
  legacyLogs?: logCreator,
): Kafka {
  const logs = typeof logsOrEnv === 'function' ? logsOrEnv : legacyLogs;
  const kafkaConfig: KafkaConfig = {
    clientId: config.kafkaClientId,
    brokers: [...config.kafkaBrokers],
    logLevel: logLevel.WARN,
    logCreator: logs,
    // Broker restarts are expected (fault suite): retry long enough to ride one out.
    retry: { initialRetryTime: 300, retries: 12, maxRetryTime: 10_000 },
    connectionTimeout: 5_000,
    ssl: config.kafka.ssl ? true : undefined,
    sasl: saslOf(config.kafka.sasl),
  };
  return new Kafka(kafkaConfig);
}

function saslOf(sasl: KafkaSettings['sasl']): SASLOptions | undefined {
  if (!sasl) return undefined;
  switch (sasl.mechanism) {
    case 'plain':
      return { mechanism: 'plain', username: sasl.username, password: sasl.password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username: sasl.username, password: sasl.password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username: sasl.username, password: sasl.password };
  }
}

/**
 * The one way to make a producer: the Java-compatible murmur2 partitioner (kafkajs's
 * default since 2.0, computed faster: KeyPartitioner), acks from the caller, no topic creation.
 */
export function createProducer(kafka: Kafka): Producer {
  return kafka.producer({ createPartitioner: KeyPartitioner, allowAutoTopicCreation: false });
}
