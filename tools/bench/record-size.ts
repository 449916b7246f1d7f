import type { IHeaders, Kafka } from 'kafkajs';
import { readControlRecord } from '@lib/kafka';

/**
 * Sizes of the data records of some topics, as the replay wrote them: key and value
 * bytes (Avro with the registry's 5-byte prefix), end-of-replay markers left out.
 * Kafka's ProducerPerformance is then run with the mean value size and as many keys.
 */
export class RecordSizeTally {
  records = 0;
  keyBytes = 0;
  valueBytes = 0;
  private readonly keys = new Set<string>();

  add(message: { key: Buffer | null; value: Buffer | null; headers?: IHeaders }): void {
    if (readControlRecord(message.headers)) return;
    this.records++;
    this.keyBytes += message.key?.length ?? 0;
    this.valueBytes += message.value?.length ?? 0;
    if (message.key) this.keys.add(message.key.toString('latin1'));
  }

  get distinctKeys(): number {
    return this.keys.size;
  }

  get meanValueBytes(): number {
    return this.records === 0 ? NaN : this.valueBytes / this.records;
  }

  get meanKeyBytes(): number {
    return this.records === 0 ? NaN : this.keyBytes / this.records;
  }

  toJSON() {
    return {
      records: this.records,
      keyBytes: this.keyBytes,
      valueBytes: this.valueBytes,
      distinctKeys: this.distinctKeys,
      meanKeyBytes: this.meanKeyBytes,
      meanValueBytes: this.meanValueBytes,
    };
  }
}

/** Reads `topics` from the beginning to their current end in a throwaway group and tallies every record. */
export async function tallyTopics(kafka: Kafka, topics: string[], groupId: string, timeoutMs = 300_000): Promise<RecordSizeTally> {
  const admin = kafka.admin();
  await admin.connect();
  const remaining = new Map<string, number>(); // `topic:partition` → offset of its last record
  try {
    for (const topic of topics) {
      for (const p of await admin.fetchTopicOffsets(topic)) if (Number(p.high) > Number(p.low)) remaining.set(`${topic}:${p.partition}`, Number(p.high) - 1);
    }
  } finally {
    await admin.disconnect();
  }
  const tally = new RecordSizeTally();
  if (remaining.size === 0) return tally;
  const consumer = kafka.consumer({ groupId, maxBytesPerPartition: 4 * 1024 * 1024 });
  await consumer.connect();
  try {
    let finished!: () => void;
    const done = new Promise<void>((resolve) => (finished = resolve));
    for (const topic of topics) await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const key = `${batch.topic}:${batch.partition}`;
        const last = remaining.get(key);
        for (const m of batch.messages) if (last !== undefined && Number(m.offset) <= last) tally.add(m);
        if (last !== undefined && batch.messages.some((m) => Number(m.offset) >= last)) remaining.delete(key);
        if (remaining.size === 0) finished();
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`reading ${topics.join(', ')} took over ${timeoutMs} ms`)), timeoutMs)),
    );
    await Promise.race([done, timeout]).finally(() => clearTimeout(timer));
  } finally {
    await consumer.disconnect();
  }
  return tally;
}
