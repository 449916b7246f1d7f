import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { StepBatch, StepBatchResult } from './step-handler';
import { BatchRunner, type BatchRunnerOptions } from './batch-runner';

/**
 * A NestJS microservice transport on kafkajs `eachBatch`. The stock Kafka transport
 * hands one message at a time to a handler; steps here write a whole batch with one
 * upsert and commit only after it. A step's controller declares
 * `@EventPattern(<step name>)` and receives a `StepBatch` of its input topic.
 */
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  private runner?: BatchRunner;

  constructor(private readonly options: Omit<BatchRunnerOptions, 'handler'>) {
    super();
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      const handler = this.getHandlerByPattern(this.options.step);
      if (!handler) throw new Error(`no @EventPattern('${this.options.step}') handler is registered`);
      this.runner = new BatchRunner({
        ...this.options,
        handler: async (batch: StepBatch<unknown>) => (await lastValueFrom(this.transformToObservable(await handler(batch)), { defaultValue: undefined })) as StepBatchResult | void,
      });
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
