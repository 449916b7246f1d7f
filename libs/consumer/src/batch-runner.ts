import type { Consumer, Kafka, Producer } from 'kafkajs';
import { createProducer, type AvroCodec } from '@lib/kafka';
import { BatchProcessor, type BatchObserver } from './batch-processor';
import { OffsetManager } from './offset-manager';
import type { StepBatchHandler } from './step-handler';

export interface BatchRunnerOptions {
  kafka: Kafka;
  step: string;
  groupId: string;
  inputTopic: string;
  dlqTopic: string;
  codec: AvroCodec;
  handler: StepBatchHandler;
  output?: { topic: string; schemaId: number };
  observer?: BatchObserver;
  /** Partitions of this instance processed at once (I/O overlaps; order within a partition holds). */
  partitionsConsumedConcurrently?: number;
}

/**
 * The consumer's lifecycle: join the step's group, feed each fetched batch to the
 * batch processor, and on stop finish the batch in hand, commit and leave the group.
 */
export class BatchRunner {
  private consumer?: Consumer;
  private producer?: Producer;

  constructor(private readonly opts: BatchRunnerOptions) {}

  async start(): Promise<void> {
    const { kafka, groupId, inputTopic } = this.opts;
    this.producer = createProducer(kafka);
    await this.producer.connect();
    this.consumer = kafka.consumer({
      groupId,
      sessionTimeout: 30_000,
      rebalanceTimeout: 60_000,
      heartbeatInterval: 3_000,
      maxBytesPerPartition: 2 * 1024 * 1024,
      maxWaitTimeInMs: 250,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: inputTopic, fromBeginning: true });
    const output = this.opts.output ? { ...this.opts.output, partitions: await this.partitionCount(this.opts.output.topic) } : undefined;
    const processor = new BatchProcessor(
      { step: this.opts.step, codec: this.opts.codec, handler: this.opts.handler, producer: this.producer, dlqTopic: this.opts.dlqTopic, output, observer: this.opts.observer },
      new OffsetManager(this.consumer),
    );
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.opts.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => processor.process(payload),
    });
  }

  private async partitionCount(topic: string): Promise<number> {
    const admin = this.opts.kafka.admin();
    await admin.connect();
    try {
      const meta = await admin.fetchTopicMetadata({ topics: [topic] });
      return meta.topics[0].partitions.length;
    } finally {
      await admin.disconnect();
    }
  }

  /** Finishes the batch in hand, commits it, and leaves the group (SIGTERM path). */
  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }
}
