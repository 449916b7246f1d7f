import type { Consumer, EachBatchPayload, Producer, ProducerRecord } from 'kafkajs';
import { endOfReplayHeaders, readControlRecord, type AvroCodec } from '@lib/kafka';
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
  it('sends one to every output partition, naming the output\'s partition count, its origin and the number of origins', async () => {
    const sent: ProducerRecord[] = [];
    const producer = { send: async (r: ProducerRecord) => void sent.push(r) } as unknown as Producer;
    const codec = { preload: async () => undefined } as unknown as AvroCodec;
    const offsets = new OffsetManager({ commitOffsets: async () => undefined } as unknown as Consumer);
    const processor = new BatchProcessor({ step: 'pool-attribution', codec, handler: async () => ({}), producer, dlqTopic: 'dlq', output: { topic: 'out', schemaId: 1, partitions: 4 } }, offsets);
    await processor.process(payload());

    expect(sent).toHaveLength(1);
    expect(sent[0].messages.map((m) => [m.partition, readControlRecord(m.headers)])).toEqual(
      [0, 1, 2, 3].map((p) => [p, { kind: 'end-of-replay', runId: '4', asOf: 900, partitions: 4, origin: 2, origins: 3 }]),
    );
  });
});
