import { randomBytes } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import { loadConfig } from '@lib/config';
import { createTestDatabase, upsertRows, type TestDatabase } from '@lib/db';
import { AvroCodec, createKafka, createTopicsAndWait, endOfReplayHeaders } from '@lib/kafka';
import { BatchRunner } from './batch-runner';
import type { StepBatch } from './step-handler';

interface Item {
  id: string;
  value: number;
}

const itemSchema = {
  type: 'record' as const,
  name: 'Item',
  namespace: 'test.v1',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'value', type: 'long' },
  ],
};

/** The batch runtime against the real broker, registry and database, with a trivial step. */
describe('BatchRunner (real Kafka, registry, PostgreSQL)', () => {
  const config = loadConfig();
  const prefix = `t${randomBytes(4).toString('hex')}.`;
  const input = `${prefix}items`;
  const dlq = `${prefix}dlq`;
  let kafka: Kafka;
  let admin: Admin;
  let codec: AvroCodec;
  let db: TestDatabase;

  beforeAll(async () => {
    kafka = createKafka(config);
    admin = kafka.admin();
    await admin.connect();
    await createTopicsAndWait(admin, [
      { topic: input, numPartitions: 3 },
      { topic: dlq, numPartitions: 1 },
    ]);
    codec = AvroCodec.connect(config.schemaRegistryUrl);
    db = await createTestDatabase();
    await db.pool.query('CREATE TABLE item (id text PRIMARY KEY, value bigint NOT NULL, part int NOT NULL)');
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [input, dlq] }).catch(() => undefined);
    await admin.disconnect();
    await db.drop();
  });

  it('writes every record once, sends the poison to the DLQ with its reason, and commits only what it wrote', async () => {
    const schemaId = await codec.register(`${input}-value`, itemSchema);
    const producer = kafka.producer();
    await producer.connect();
    const good = Array.from({ length: 3000 }, (_, i) => ({ key: `k${i % 50}`, value: codec.encode(schemaId, { id: `item-${i}`, value: i }) }));
    await producer.send({ topic: input, messages: good.slice(0, 1500) });
    await producer.send({ topic: input, messages: [{ key: 'k7', value: Buffer.from('not avro at all') }] });
    await producer.send({ topic: input, messages: good.slice(1500) });
    const meta = await admin.fetchTopicMetadata({ topics: [input] });
    await producer.send({
      topic: input,
      messages: meta.topics[0].partitions.map((p) => ({
        key: null,
        value: null,
        partition: p.partitionId,
        headers: endOfReplayHeaders({ runId: '1', asOf: 99 }),
      })),
    });
    await producer.disconnect();

    let failures = 1; // the first write fails, as a database outage would: the batch must be retried, not skipped
    const markers: number[] = [];
    const groupId = `${prefix}group`;
    const runner = new BatchRunner({
      kafka,
      step: 'test-step',
      groupId,
      inputTopic: input,
      dlqTopic: dlq,
      codec,
      handler: async (batch: StepBatch<unknown>) => {
        if (failures-- > 0) throw new Error('transient: database unavailable');
        markers.push(...batch.markers.map((m) => m.asOf));
        const rows = (batch.records as { value: Item }[]).map((r) => ({ id: r.value.id, value: String(r.value.value), part: batch.partition }));
        const bad = rows.filter((r) => r.id === 'item-42');
        await upsertRows(db.pool, {
          table: 'item',
          columns: ['id', 'value', 'part'],
          conflict: ['id'],
          update: 'all',
          rows: rows.filter((r) => r.id !== 'item-42'),
        });
        return {
          rejected: bad.map((r) => ({
            offset: (batch.records as { offset: string; value: Item }[]).find((x) => x.value.id === r.id)!.offset,
            reason: 'value 42 is not allowed',
          })),
        };
      },
    });
    await runner.start();
    const deadline = Date.now() + 60_000;
    let lag = Infinity;
    while (Date.now() < deadline && lag > 0) {
      await new Promise((r) => setTimeout(r, 500));
      const [committed] = await admin.fetchOffsets({ groupId, topics: [input] });
      const high = await admin.fetchTopicOffsets(input);
      lag = high.reduce((n, p) => n + Number(p.high) - Math.max(0, Number(committed.partitions.find((c) => c.partition === p.partition)?.offset ?? 0)), 0);
    }
    await runner.stop();

    expect(lag).toBe(0);
    const { rows } = await db.pool.query('SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM item');
    expect(rows[0]).toEqual({ n: 2999, d: 2999 });
    expect(markers.filter((m) => m === 99)).toHaveLength(3);

    // The DLQ holds exactly the two poison records, with step, reason and source.
    const letters: { error: string; offset: string; value: string }[] = [];
    const reader = kafka.consumer({ groupId: `${prefix}dlq-reader` });
    await reader.connect();
    await reader.subscribe({ topic: dlq, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) =>
        void letters.push({
          error: message.headers!['dlq-error']!.toString(),
          offset: message.headers!['dlq-source-offset']!.toString(),
          value: message.value?.toString('latin1') ?? '',
        }),
    });
    const until = Date.now() + 20_000;
    while (letters.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    await reader.disconnect();
    expect(letters).toHaveLength(2);
    expect(letters.map((l) => l.error)).toEqual(expect.arrayContaining(['value 42 is not allowed', expect.stringMatching(/not Confluent wire-format Avro/)]));
    expect(letters.find((l) => /wire-format/.test(l.error))!.value).toBe('not avro at all');
  });
});
