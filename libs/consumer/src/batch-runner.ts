import type { Consumer, Kafka, Producer } from 'kafkajs';
import { classifyError, retry, type BackoffOptions } from '@lib/common';
import { createProducer, type AvroCodec } from '@lib/kafka';
import { BatchProcessor, type BatchObserver, type BatchProcessorOptions } from './batch-processor';
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
  /** Unknown-class failures on the same records before they count as deterministic (BatchProcessorOptions; default 5). */
  unknownErrorAttempts?: number;
  /** Delays between attempts to replace a consumer that kafkajs gave up on. */
  restartBackoff?: BackoffOptions;
}

/**
 * The consumer's lifecycle: join the step's group, feed each fetched batch to the
 * batch processor, and on stop finish the batch in hand, commit and leave the group.
 * Broker outages are ridden out: kafkajs retries and restarts its consumer after
 * retriable failures; after a crash it does not restart from, this runner replaces the
 * consumer, so a live process never sits idle (uncommitted batches come again).
 */
export class BatchRunner {
  private consumer?: Consumer;
  private producer?: Producer;
  private processorOptions?: BatchProcessorOptions;
  private stopping = false;
  private replacing?: Promise<void>;

  constructor(private readonly opts: BatchRunnerOptions) {}

  async start(): Promise<void> {
    this.producer = createProducer(this.opts.kafka);
    await this.producer.connect();
    const output = this.opts.output ? { ...this.opts.output, partitions: await this.partitionCount(this.opts.output.topic) } : undefined;
    this.processorOptions = {
      step: this.opts.step,
      codec: this.opts.codec,
      handler: this.opts.handler,
      producer: this.producer,
      dlqTopic: this.opts.dlqTopic,
      output,
      observer: this.opts.observer,
      unknownErrorAttempts: this.opts.unknownErrorAttempts,
    };
    await this.startConsumer();
  }

  private async startConsumer(): Promise<void> {
    const { kafka, groupId, inputTopic } = this.opts;
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: 30_000,
      rebalanceTimeout: 60_000,
      heartbeatInterval: 3_000,
      maxBytesPerPartition: 2 * 1024 * 1024,
      maxWaitTimeInMs: 250,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart && !this.stopping) this.replacing ??= this.replaceConsumer(payload.error).finally(() => (this.replacing = undefined));
    });
    await consumer.connect();
    await consumer.subscribe({ topic: inputTopic, fromBeginning: true });
    const processor = new BatchProcessor(this.processorOptions!, new OffsetManager(consumer));
    await consumer.run({
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

  /** A fresh consumer in the group, after a backoff, until one runs or the runner stops. */
  private async replaceConsumer(cause: Error): Promise<void> {
    const stopped = new Error('runner stopping');
    await retry(
      async (attempt) => {
        // The crash counts as the first failed attempt: the first replacement comes after a backoff.
        if (attempt === 1) throw cause;
        await this.consumer?.disconnect().catch(() => undefined);
        await this.startConsumer();
      },
      {
        ...this.opts.restartBackoff,
        shouldRetry: () => !this.stopping,
        onRetry: (error, attempt) => this.opts.observer?.retry({ stage: 'consumer', attempt, error: error as Error, errorClass: classifyError(error) }),
        beforeAttempt: () => {
          if (this.stopping) throw stopped;
        },
      },
    ).catch((err) => {
      if (!this.stopping) throw err; // the runner stopped: nothing to replace any more
    });
  }

  /** Finishes the batch in hand, commits it, and leaves the group (SIGTERM path). */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.replacing;
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }
}
