import type { Consumer, EachBatchPayload, Producer, ProducerRecord } from 'kafkajs';
import { endOfReplayHeaders, readControlRecord, type AvroCodec, type DeadLetter } from '@lib/kafka';
import { BatchProcessor } from './batch-processor';
import { OffsetManager } from './offset-manager';

/** A batch of input partition 2 holding one end-of-replay marker as the replay wrote it (3 input partitions). */
function payload(): EachBatchPayload {
  const marker = { offset: '5', key: null, value: null, headers: endOfReplayHeaders({ runId: '4', asOf: 900, partitions: 3 }) };
  return {
    batch: { topic: 'in', partition: 2, messages: [marker], highWatermark: '6' },
    heartbeat: async () => undefined,
    isRunning: () => true,
    isStale: () => false,
    resolveOffset: () => undefined,
  } as unknown as EachBatchPayload;
}

describe('BatchProcessor forwarding end-of-replay markers', () => {
  it("sends one to every output partition, naming the output's partition count, its origin and the number of origins", async () => {
    const sent: ProducerRecord[] = [];
    const producer = { send: async (r: ProducerRecord) => void sent.push(r) } as unknown as Producer;
    const codec = { preload: async () => undefined } as unknown as AvroCodec;
    const offsets = new OffsetManager({ commitOffsets: async () => undefined } as unknown as Consumer);
    const processor = new BatchProcessor(
      { step: 'pool-attribution', codec, handler: async () => ({}), producer, dlqTopic: 'dlq', output: { topic: 'out', schemaId: 1, partitions: 4 } },
      offsets,
    );
    await processor.process(payload());

    expect(sent).toHaveLength(1);
    expect(sent[0].messages.map((m) => [m.partition, readControlRecord(m.headers)])).toEqual(
      [0, 1, 2, 3].map((p) => [p, { kind: 'end-of-replay', runId: '4', asOf: 900, partitions: 4, origin: 2, origins: 3 }]),
    );
  });
});

describe('BatchProcessor retrying a failing stage', () => {
  const rebalance = () => Object.assign(new Error('The group is rebalancing, so a rejoin is needed'), { type: 'REBALANCE_IN_PROGRESS' });

  /** One record at offset 7; `running` and `heartbeat` as the test says; what happened, in order. */
  function setup(opts: {
    handler: () => Promise<unknown>;
    running?: () => boolean;
    heartbeat?: () => Promise<void>;
    producer?: Producer;
    deadLettered?: (letters: DeadLetter[]) => Promise<void>;
  }) {
    const events: string[] = [];
    const retries: { stage: string; attempt: number; error: Error; errorClass?: string }[] = [];
    const batch = {
      batch: { topic: 'in', partition: 0, messages: [{ offset: '7', key: Buffer.from('k'), value: Buffer.from('v'), headers: {} }], highWatermark: '8' },
      heartbeat: async () => {
        events.push('heartbeat');
        await opts.heartbeat?.();
      },
      isRunning: opts.running ?? (() => true),
      isStale: () => false,
      resolveOffset: () => undefined,
    } as unknown as EachBatchPayload;
    const codec = { preload: async () => undefined, decode: () => ({ v: 1 }) } as unknown as AvroCodec;
    const offsets = new OffsetManager({ commitOffsets: async (o: { offset: string }[]) => void events.push(`commit ${o[0].offset}`) } as unknown as Consumer);
    const handler = async () => {
      events.push('handler');
      return (await opts.handler()) as undefined;
    };
    const observer = {
      retry: (s: (typeof retries)[number]) => void retries.push(s),
      batchDone: () => void events.push('done'),
      deadLettered: opts.deadLettered ?? (async () => undefined),
    };
    const processor = new BatchProcessor({ step: 's', codec, handler, producer: opts.producer ?? ({} as Producer), dlqTopic: 'dlq', observer }, offsets);
    return { events, retries, run: () => processor.process(batch) };
  }

  it('retries a failed handler after a pause and a heartbeat, reports the retry with its class, then commits', async () => {
    let calls = 0;
    const lost = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    const { events, retries, run } = setup({ handler: async () => (++calls === 1 ? Promise.reject(lost) : undefined) });
    await run();
    expect(events).toEqual(['handler', 'heartbeat', 'handler', 'commit 8', 'heartbeat', 'done']);
    expect(retries).toEqual([{ stage: 'handler', attempt: 1, error: lost, errorClass: 'transient' }]);
  });

  it('dead-letters a record the handler fails on deterministically, with the reason and class, then commits past it', async () => {
    const overflow = Object.assign(new Error('numeric field overflow'), { code: '22003' });
    const sent: ProducerRecord[] = [];
    const lettered: DeadLetter[] = [];
    const { events, retries, run } = setup({
      handler: async () => Promise.reject(overflow),
      producer: { send: async (r: ProducerRecord) => void sent.push(r) } as unknown as Producer,
      deadLettered: async (letters) => void lettered.push(...letters),
    });
    await run();
    expect(events).toEqual(['handler', 'commit 8', 'heartbeat', 'done']);
    expect(retries).toEqual([]);
    expect(lettered.map((d) => [d.offset, d.errorClass, d.error])).toEqual([
      ['7', 'deterministic', 'deterministic error 22003 on this record: numeric field overflow'],
    ]);
    expect(sent.map((r) => [r.topic, r.messages[0].headers?.['dlq-error-class'], r.messages[0].headers?.['dlq-source-offset']])).toEqual([
      ['dlq', 'deterministic', '7'],
    ]);
  });

  it('stops retrying when the consumer stops: the batch is left uncommitted', async () => {
    let running = true;
    const { events, retries, run } = setup({
      handler: async () => {
        running = false;
        throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
      },
      running: () => running,
    });
    await expect(run()).resolves.toBeUndefined();
    expect(events).toEqual(['handler', 'heartbeat']);
    expect(retries.map((r) => [r.attempt, r.errorClass])).toEqual([[1, 'transient']]);
  });

  it('does not retry a rebalance: it is raised for kafkajs to rejoin', async () => {
    const error = rebalance();
    const { events, retries, run } = setup({ handler: async () => Promise.reject(error) });
    await expect(run()).rejects.toBe(error);
    expect(events).toEqual(['handler']);
    expect(retries).toEqual([]);
  });

  it('raises a rebalance the heartbeat after the pause learns of, instead of the next attempt', async () => {
    const lost = rebalance();
    const { events, run } = setup({ handler: async () => Promise.reject(new Error('boom')), heartbeat: async () => Promise.reject(lost) });
    await expect(run()).rejects.toBe(lost);
    expect(events).toEqual(['handler', 'heartbeat']);
  });
});
