// Smoke test: does kafkajs (the project's client) work against the local broker?
// Creates a topic, produces, consumes with a group, commits, reads the committed
// offsets back through the admin API. Exit code 0 = all good.
// Run: /work/main/node_modules/.bin/node infra/smoke-kafka.js   (KAFKA_PORT to override)
'use strict';
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const { Kafka, logLevel } = require('kafkajs');

const broker = `127.0.0.1:${process.env.KAFKA_PORT || 9092}`;
const suffix = `${Date.now()}`;
const topic = `stack-smoke-${suffix}`;
const groupId = `stack-smoke-group-${suffix}`;
const COUNT = 5;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Poll metadata until every partition of the topic has a leader.
async function waitForLeaders(admin, name, partitions, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [name] });
      const t = topics[0];
      if (t.partitions.length === partitions && t.partitions.every((p) => p.leader >= 0)) return t;
    } catch (err) {
      if (err.type !== 'UNKNOWN_TOPIC_OR_PARTITION' && err.type !== 'LEADER_NOT_AVAILABLE') throw err;
    }
    if (Date.now() > deadline) throw new Error(`no leaders for ${name} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

async function main() {
  const kafka = new Kafka({ clientId: 'stack-smoke', brokers: [broker], logLevel: logLevel.WARN });
  const admin = kafka.admin();
  await admin.connect();

  // Not `waitForLeaders: true`: kafkajs then retries only LEADER_NOT_AVAILABLE, but a
  // KRaft broker answers UNKNOWN_TOPIC_OR_PARTITION until its metadata cache has the new
  // topic (hundreds of ms right after a broker restart), and kafkajs gives up at once.
  const created = await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: false });
  console.log(`createTopics ${topic}: ${created}`);
  const meta = await waitForLeaders(admin, topic, 3);
  console.log(`metadata: ${meta.partitions.length} partitions with leaders`);

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const messages = Array.from({ length: COUNT }, (_, i) => ({ key: `k${i}`, value: `v${i}` }));
  const sent = await producer.send({ topic, acks: -1, messages });
  console.log(`produced ${COUNT} (idempotent, acks=all): ${JSON.stringify(sent.map((r) => [r.partition, r.baseOffset]))}`);
  await producer.disconnect();

  // Manual commits so the test shows commitOffsets works, not only auto-commit.
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen = [];
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out: consumed ${seen.length}/${COUNT}`)), 30000);
    consumer
      .run({
        autoCommit: false,
        eachMessage: async ({ topic: t, partition, message }) => {
          seen.push(message.value.toString());
          await consumer.commitOffsets([{ topic: t, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
          if (seen.length === COUNT) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  console.log(`consumed ${seen.length} with group ${groupId}: ${seen.sort().join(',')}`);
  await consumer.disconnect();

  const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committed = offsets[0].partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  console.log(`fetchOffsets: ${JSON.stringify(offsets[0].partitions)} (sum ${committed})`);
  if (committed !== COUNT) throw new Error(`committed offsets sum to ${committed}, expected ${COUNT}`);

  // Transactions (InitProducerId/AddPartitionsToTxn/EndTxn/TxnOffsetCommit): the
  // protocol versions kafkajs speaks must still be accepted by the broker.
  const txProducer = kafka.producer({ transactionalId: `stack-smoke-tx-${suffix}`, idempotent: true, maxInFlightRequests: 1 });
  await txProducer.connect();
  const tx = await txProducer.transaction();
  await tx.send({ topic, messages: [{ key: 'tx', value: 'in-transaction' }] });
  await tx.sendOffsets({ consumerGroupId: groupId, topics: [{ topic, partitions: [{ partition: 0, offset: '1' }] }] });
  await tx.commit();
  await txProducer.disconnect();
  console.log('transaction with sendOffsets: committed');

  const groups = await admin.describeGroups([groupId]);
  console.log(`describeGroups: state=${groups.groups[0].state} protocolType=${groups.groups[0].protocolType}`);
  await admin.disconnect();

  console.log('kafka smoke: OK');
}

// Leave nothing behind, also after a failure.
async function cleanup() {
  const kafka = new Kafka({ clientId: 'stack-smoke-cleanup', brokers: [broker], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.deleteGroups([groupId]).catch(() => {});
  } finally {
    await admin.disconnect();
  }
}

main()
  .then(cleanup, async (err) => {
    console.error(`kafka smoke: FAILED: ${err.stack || err}`);
    await cleanup().catch(() => {});
    process.exit(1);
  })
  .catch((err) => console.error(`kafka smoke: cleanup failed: ${err.message}`));
