import type { EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import { DEFAULT_BACKOFF, backoffDelay, classifyError, retry, sleep, statedRetryDelayMs, type ErrorClass, type RetryOptions } from '@lib/common';
import { AvroCodec, type DeadLetter, UndecodableRecordError, endOfReplayHeaders, publishDeadLetters, readControlRecord } from '@lib/kafka';
import { handleIsolating, type HandlerStage } from './batch-isolation';
import { OffsetManager } from './offset-manager';
import { isRebalanceError } from './rebalance-error';
import type { IncomingRecord, OutputMessage, StepBatch, StepBatchHandler } from './step-handler';

/** Receives what happened to each batch: the metrics and status hooks. */
export interface BatchObserver {
  batchDone(s: {
    topic: string;
    partition: number;
    records: number;
    deadLetters: number;
    output: number;
    millis: number;
    lastOffset: string;
    highWatermark: string;
  }): void;
  /** `errorClass`: what `classifyError` makes of the error (only retried failures come here; one pinned on a record is dead-lettered instead). */
  retry(s: { stage: string; attempt: number; error: Error; errorClass?: ErrorClass }): void;
  /** Called once the dead letters are acknowledged by the broker, before the commit. */
  deadLettered(letters: DeadLetter[]): Promise<void>;
}

export interface BatchProcessorOptions {
  step: string;
  codec: AvroCodec;
  handler: StepBatchHandler;
  producer: Producer;
  dlqTopic: string;
  /** The step's output topic: its schema, and its partition count (end markers go to each). */
  output?: { topic: string; schemaId: number; partitions: number };
  observer?: BatchObserver;
  /**
   * Failures with an error of unknown class on the same records before they count as
   * deterministic (the records are isolated and the failing one dead-lettered);
   * transient failures never count. Default DEFAULT_UNKNOWN_ERROR_ATTEMPTS (5).
   */
  unknownErrorAttempts?: number;
}

class StoppedError extends Error {}

const HEARTBEAT_EVERY_MS = 3_000;

/** Set when a heartbeat learns that the group moved on without this member. */
interface Membership {
  lost?: unknown;
}

/**
 * One batch of one partition, start to finish: decode, hand to the step, publish its
 * output and dead letters, then commit. A transient failure before the commit is retried
 * with backoff (database, registry, broker, RPC outages); the batch is never skipped. A
 * handler failure that repeats on the same records (a deterministic error, or an unknown
 * one `unknownErrorAttempts` times) splits the batch until the failing record is found,
 * which is dead-lettered with the reason; the rest is written (`handleIsolating`). If the
 * consumer stops or loses the partition meanwhile, the batch is left uncommitted and
 * is delivered again: the step's writes are idempotent, so that is harmless.
 */
export class BatchProcessor {
  constructor(
    private readonly opts: BatchProcessorOptions,
    private readonly offsets: OffsetManager,
  ) {}

  async process(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (batch.messages.length === 0) return;
    const started = Date.now();
    const { topic, partition } = batch;
    const lastOffset = batch.messages[batch.messages.length - 1].offset;
    // Heartbeats go on while a long batch runs (chain reads, big upserts), so the member is
    // not dropped from the group for silence; a rebalance seen meanwhile is raised after.
    const membership: Membership = {};
    const keepAlive = setInterval(() => {
      payload.heartbeat().catch((err) => {
        if (isRebalanceError(err)) membership.lost = err;
      });
    }, HEARTBEAT_EVERY_MS);
    try {
      await this.withRetry('schema', payload, membership, () => this.opts.codec.preload(batch.messages.map((m) => m.value)));
      const { stepBatch, deadLetters } = this.split(topic, partition, batch.messages);
      const result = await handleIsolating(stepBatch, {
        handler: this.opts.handler,
        unknownErrorAttempts: this.opts.unknownErrorAttempts,
        retryOptions: (stage: HandlerStage) => this.retryOptions(stage, payload, membership),
        isFatal: (err) => err instanceof StoppedError || isRebalanceError(err),
      });
      const output = [...result.output, ...this.forwardedMarkers(stepBatch)];
      if (output.length > 0) await this.withRetry('output', payload, membership, () => this.publishOutput(output));
      const byOffset = new Map(batch.messages.map((m) => [m.offset, m]));
      for (const r of result.rejected) {
        const m = byOffset.get(r.offset);
        if (m) deadLetters.push(this.letter(topic, partition, m, r.reason, 'rejected'));
      }
      for (const r of result.failed) {
        const m = byOffset.get(r.offset);
        if (m) deadLetters.push(this.letter(topic, partition, m, r.reason, r.errorClass));
      }
      if (deadLetters.length > 0) {
        await this.withRetry('dlq', payload, membership, () => publishDeadLetters(this.opts.producer, this.opts.dlqTopic, deadLetters));
        const observer = this.opts.observer;
        if (observer) await this.withRetry('dlq-record', payload, membership, () => observer.deadLettered(deadLetters));
      }
      await this.withRetry('commit', payload, membership, () => this.offsets.commitProcessed(topic, partition, lastOffset, payload.resolveOffset));
      await payload.heartbeat();
      this.opts.observer?.batchDone({
        topic,
        partition,
        records: batch.messages.length,
        deadLetters: deadLetters.length,
        output: output.length,
        millis: Date.now() - started,
        lastOffset,
        highWatermark: batch.highWatermark,
      });
    } catch (err) {
      if (err instanceof StoppedError) return; // redelivered to whoever owns the partition next
      throw err; // a rebalance: kafkajs rejoins the group; the uncommitted batch comes again
    } finally {
      clearInterval(keepAlive);
    }
  }

  private split(topic: string, partition: number, messages: KafkaMessage[]): { stepBatch: StepBatch<unknown>; deadLetters: DeadLetter[] } {
    const records: IncomingRecord<unknown>[] = [];
    const markers: StepBatch<unknown>['markers'] = [];
    const deadLetters: DeadLetter[] = [];
    for (const m of messages) {
      const marker = readControlRecord(m.headers);
      if (marker) {
        markers.push(marker);
        continue;
      }
      try {
        records.push({ topic, partition, offset: m.offset, key: m.key?.toString() ?? null, value: this.opts.codec.decode(m.value) });
      } catch (err) {
        if (!(err instanceof UndecodableRecordError)) throw err;
        deadLetters.push(this.letter(topic, partition, m, err.message, 'deterministic'));
      }
    }
    return { stepBatch: { topic, partition, records, markers }, deadLetters };
  }

  /**
   * A step with an output passes end-of-replay markers on to every partition of it, after
   * the batch's output, so the steps downstream see them after the records they follow.
   * Each names its origin (this input partition) and how many origins send one (the input
   * topic's partition count, from the marker): downstream, the run has ended in an output
   * partition only once every origin's marker is there (MarkerGate).
   */
  private forwardedMarkers(batch: StepBatch<unknown>): OutputMessage[] {
    const out = this.opts.output;
    if (!out) return [];
    return batch.markers.flatMap((m) =>
      Array.from({ length: out.partitions }, (_, partition) => ({
        key: `marker:${batch.topic}:${batch.partition}`,
        headers: endOfReplayHeaders({ runId: m.runId, asOf: m.asOf, partitions: out.partitions, origin: batch.partition, origins: m.partitions }),
        partition,
      })),
    );
  }

  private letter(topic: string, partition: number, m: KafkaMessage, error: string, errorClass: DeadLetter['errorClass']): DeadLetter {
    return { step: this.opts.step, error, errorClass, topic, partition, offset: m.offset, key: m.key ?? null, value: m.value ?? null };
  }

  private async publishOutput(output: OutputMessage[]): Promise<void> {
    const out = this.opts.output;
    if (!out) throw new Error(`step ${this.opts.step} returned output but declares no output topic`);
    await this.opts.producer.send({
      topic: out.topic,
      acks: -1,
      messages: output.map((o) => ({
        key: o.key,
        value: o.value === undefined ? null : this.opts.codec.encode(out.schemaId, o.value),
        headers: o.headers,
        partition: o.partition,
      })),
    });
  }

  private withRetry<T>(stage: string, payload: EachBatchPayload, membership: Membership, fn: () => Promise<T>): Promise<T> {
    return retry(fn, {
      ...this.retryOptions(stage, payload, membership),
      // Any error is retried, with no limit (the batch is never skipped), except these two.
      shouldRetry: (err) => !(err instanceof StoppedError || isRebalanceError(err)),
    });
  }

  /** The retry plumbing of every stage: stop and rebalance checks, reporting with the class, a heartbeat after each pause. */
  private retryOptions(stage: string, payload: EachBatchPayload, membership: Membership): Omit<RetryOptions, 'shouldRetry' | 'retries'> {
    return {
      beforeAttempt: (attempt) => {
        // The member lost the partition meanwhile: stop here, kafkajs rejoins and the batch comes again.
        if (membership.lost) throw membership.lost;
        // A stopping consumer finishes the batch in hand (SIGTERM), but does not keep
        // retrying a failing one: it is left uncommitted and delivered again later.
        if (attempt > 1 && (!payload.isRunning() || payload.isStale())) throw new StoppedError();
      },
      onRetry: (err, attempt) => this.opts.observer?.retry({ stage, attempt, error: err as Error, errorClass: classifyError(err) }),
      // The common backoff, or longer when the error says the same call cannot succeed soon (an RPC that is no archive node).
      delayMs: (attempt, err) => Math.max(backoffDelay(attempt, DEFAULT_BACKOFF, Math.random()), statedRetryDelayMs(err) ?? 0),
      // After each pause a heartbeat: it keeps the member in the group and learns of a rebalance.
      sleep: async (ms) => {
        await sleep(ms);
        await payload.heartbeat().catch((hbErr) => {
          if (isRebalanceError(hbErr)) membership.lost = hbErr;
        });
      },
    };
  }
}
