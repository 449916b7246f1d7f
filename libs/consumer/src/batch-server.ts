import { Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { BatchRunner, type BatchRunnerOptions } from './batch-runner';
import { screenedHandler, type RecordScreen } from './record-screen';

export interface KafkaBatchServerOptions extends BatchRunnerOptions {
  /** Rejects impossible records before the step's handler sees them. */
  screen?: RecordScreen;
}

/**
 * A NestJS microservice transport on kafkajs `eachBatch`. The stock Kafka transport
 * hands one message at a time to a handler; steps here write a whole batch with one
 * upsert and commit only after it. The handler is the step definition driven by the
 * runtime (stepDriver), given directly: no pattern string between them.
 */
export class KafkaBatchServer extends Server implements CustomTransportStrategy {
  private runner?: BatchRunner;

  constructor(private readonly options: KafkaBatchServerOptions) {
    super();
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      const { screen, handler, ...options } = this.options;
      this.runner = new BatchRunner({ ...options, handler: screen ? screenedHandler(handler, screen) : handler });
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
