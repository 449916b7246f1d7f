import type { Batch, Kafka } from 'kafkajs';

/** A fetched batch as kafkajs delivered it: its boundaries are the real consumer's. */
export type RecordedBatch = Pick<Batch, 'topic' | 'partition' | 'messages' | 'highWatermark'>;

/**
 * Every record of `topic` in memory, batch by batch as a fresh consumer group fetches them
 * (same fetch sizes as the step runtime), so a step can be replayed over them without Kafka.
 */
export async function recordTopicBatches(kafka: Kafka, topic: string, groupId: string, maxBytesPerPartition: number): Promise<RecordedBatch[]> {
  const admin = kafka.admin();
  await admin.connect();
  const high = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, BigInt(o.high)]));
  const batches: RecordedBatch[] = [];
  const remaining = new Set([...high].filter(([, h]) => h > 0n).map(([p]) => p));
  const consumer = kafka.consumer({ groupId, maxBytesPerPartition, maxWaitTimeInMs: 250 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    if (remaining.size === 0) return resolve();
    consumer
      .run({
        autoCommit: false,
        eachBatch: async ({ batch }) => {
          if (batch.messages.length === 0) return;
          batches.push({ topic: batch.topic, partition: batch.partition, messages: batch.messages, highWatermark: batch.highWatermark });
          if (BigInt(batch.lastOffset()) + 1n >= high.get(batch.partition)!) remaining.delete(batch.partition);
          if (remaining.size === 0) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  await admin.deleteGroups([groupId]).catch(() => undefined);
  await admin.disconnect();
  return batches;
}
