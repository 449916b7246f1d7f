import { EventEmitter } from 'node:events';
import type { Kafka } from 'kafkajs';
import type { AvroCodec } from '@lib/kafka';
import { BatchRunner } from './batch-runner';

/** Just enough of a kafkajs consumer to see the runner's lifecycle: it records calls and can crash. */
class FakeConsumer extends EventEmitter {
  readonly events = { CRASH: 'consumer.crash' };
  readonly calls: string[] = [];
  crash(restart: boolean): void {
    this.emit(this.events.CRASH, { payload: { error: new Error('group authorization failed'), groupId: 'g', restart } });
  }
  async connect() {
    this.calls.push('connect');
  }
  async subscribe() {
    this.calls.push('subscribe');
  }
  async run() {
    this.calls.push('run');
  }
  async disconnect() {
    this.calls.push('disconnect');
  }
}

function fakeKafka(consumers: FakeConsumer[]): Kafka {
  const producer = { connect: async () => undefined, disconnect: async () => undefined };
  return { producer: () => producer, consumer: () => consumers[consumers.push(new FakeConsumer()) - 1] } as unknown as Kafka;
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('BatchRunner after a consumer crash', () => {
  const options = (kafka: Kafka) => ({
    kafka,
    step: 's',
    groupId: 'g',
    inputTopic: 'in',
    dlqTopic: 'dlq',
    codec: {} as AvroCodec,
    handler: async () => undefined,
    restartBackoff: { baseDelayMs: 1, maxDelayMs: 1, factor: 1 },
  });

  it('replaces a consumer that kafkajs will not restart, and reports it as a retry', async () => {
    const consumers: FakeConsumer[] = [];
    const retries: string[] = [];
    const runner = new BatchRunner({
      ...options(fakeKafka(consumers)),
      observer: { retry: (s) => void retries.push(s.stage), batchDone: () => undefined, deadLettered: async () => undefined },
    });
    await runner.start();
    consumers[0].crash(false);
    await until(() => consumers[1]?.calls.includes('run'));
    expect(consumers).toHaveLength(2);
    expect(consumers[0].calls).toEqual(['connect', 'subscribe', 'run', 'disconnect']);
    expect(consumers[1].calls).toEqual(['connect', 'subscribe', 'run']);
    expect(retries).toEqual(['consumer']);
    await runner.stop();
    expect(consumers[1].calls.at(-1)).toBe('disconnect');
  });

  it('leaves a consumer that kafkajs restarts itself, and one that crashes while stopping', async () => {
    const consumers: FakeConsumer[] = [];
    const runner = new BatchRunner(options(fakeKafka(consumers)));
    await runner.start();
    consumers[0].crash(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(consumers).toHaveLength(1);
    await runner.stop();
    consumers[0].crash(false);
    await new Promise((r) => setTimeout(r, 50));
    expect(consumers).toHaveLength(1);
  });

  it('tries again, with the next attempt number, when a replacement fails too; stops trying once stopped', async () => {
    const consumers: FakeConsumer[] = [];
    const kafka = fakeKafka(consumers);
    const refused = new Error('connect ECONNREFUSED');
    const consumer = kafka.consumer;
    // The first replacement cannot connect; the second can.
    (kafka as unknown as { consumer: () => unknown }).consumer = () => {
      const c = consumer({ groupId: 'g' }) as unknown as FakeConsumer;
      if (consumers.length === 2) c.connect = async () => Promise.reject(refused);
      return c;
    };
    const retries: [number, string][] = [];
    const runner = new BatchRunner({
      ...options(kafka),
      observer: { retry: (s) => void retries.push([s.attempt, s.error.message]), batchDone: () => undefined, deadLettered: async () => undefined },
    });
    await runner.start();
    consumers[0].crash(false);
    await until(() => consumers[2]?.calls.includes('run'));
    expect(consumers).toHaveLength(3);
    expect(retries).toEqual([
      [1, 'group authorization failed'],
      [2, 'connect ECONNREFUSED'],
    ]);
    expect(consumers[1].calls).toEqual(['disconnect']); // never connected; disconnected before the next one
    await runner.stop();

    // Stopped while waiting out the backoff: no replacement is made.
    const slow: FakeConsumer[] = [];
    const stopping = new BatchRunner({ ...options(fakeKafka(slow)), restartBackoff: { baseDelayMs: 100, maxDelayMs: 100, factor: 1 } });
    await stopping.start();
    slow[0].crash(false);
    await stopping.stop();
    expect(slow).toHaveLength(1);
  });
});
