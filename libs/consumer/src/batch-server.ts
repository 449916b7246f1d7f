import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { StepBatch, StepBatchHandler, StepBatchResult } from './step-handler';
import { BatchRunner, type BatchRunnerOptions } from './batch-runner';
import { screenedHandler, type RecordScreen } from './record-screen';

export interface KafkaBatchServerOptions extends Omit<BatchRunnerOptions, 'handler'> {
  /** The step's batch handler (stepDriver of its definition); without it, the @EventPattern(step) handler (transitional). */
  handler?: StepBatchHandler;
  /** Rejects impossible records before the step's handler sees them. */
  screen?: RecordScreen;
}

/**
 * A NestJS microservice transport on kafkajs `eachBatch`. The stock Kafka transport
 * hands one message at a time to a handler; steps here write a whole batch with one
 * upsert and commit only after it. A step's controller declares
 * `@EventPattern(<step name>)` and receives a `StepBatch` of its input topic.
 */
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  private runner?: BatchRunner;

  constructor(private readonly options: KafkaBatchServerOptions) {
    super();
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      const { screen, handler: given, ...options } = this.options;
      const handler = given ? undefined : this.getHandlerByPattern(this.options.step);
      if (!given && !handler) throw new Error(`no @EventPattern('${this.options.step}') handler is registered`);
      const stepHandler: StepBatchHandler = given ?? (async (batch: StepBatch<unknown>) => (await lastValueFrom(this.transformToObservable(await handler!(batch)), { defaultValue: undefined })) as StepBatchResult | void);
      this.runner = new BatchRunner({ ...options, handler: screen ? screenedHandler(stepHandler, screen) : stepHandler });
      await this.runner.start();
      callback();
    } catch (err) {
      callback(err);
    }
  }

  async close(): Promise<void> {
    await this.runner?.stop();
  }

  on(): never {
    throw new Error('KafkaBatchServer does not emit events');
  }

  unwrap<T>(): T {
    return this.runner as T;
  }
}
