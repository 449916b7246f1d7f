import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { createTopicsAndWait } from '@lib/kafka';
import { tallyTopics, type RecordSizeTally } from './record-size';

const ROOT = join(__dirname, '..', '..', '..');

/** Kafka's own producer benchmark, from the kafka-tools jar of the broker's version. */
export const PRODUCER_PERFORMANCE_CLASS = 'org.apache.kafka.tools.ProducerPerformance';

export interface ProducerPerformanceResult {
  records: number;
  recordsPerSec: number;
  mbPerSec: number;
  avgLatencyMs: number;
  maxLatencyMs: number;
}

// The closing summary (the only line with percentiles), e.g.
// "36052 records sent, 52318.6 records/sec (9.98 MB/sec), 120.31 ms avg latency, 380.00 ms max latency, 110 ms 50th, ..."
const NUM = '([0-9]+(?:[.,][0-9]+)?)';
const SUMMARY = new RegExp(`(\\d+) records sent, ${NUM} records/sec \\(${NUM} MB/sec\\), ${NUM} ms avg latency, ${NUM} ms max latency, \\d+ ms 50th`, 'g');

/** The closing summary of ProducerPerformance's output (Java's %f may print a decimal comma). */
export function parseProducerPerformance(output: string): ProducerPerformanceResult {
  const all = [...output.matchAll(SUMMARY)];
  const m = all[all.length - 1];
  if (!m) throw new Error(`no ProducerPerformance summary line in its output:\n${output.split('\n').slice(-15).join('\n')}`);
  const n = (s: string) => Number(s.replace(',', '.'));
  return { records: Number(m[1]), recordsPerSec: n(m[2]), mbPerSec: n(m[3]), avgLatencyMs: n(m[4]), maxLatencyMs: n(m[5]) };
}

/** The tool's arguments: same count, value size and number of distinct keys as the replay; acks=all as the replay sends. */
export function producerPerformanceArgs(o: { bootstrap: string; topic: string; records: number; recordSize: number; keyRange: number }): string[] {
  const keys = o.keyRange > 0 ? ['--key-distribution', 'range', '--record-key-range', String(o.keyRange)] : [];
  return [
    PRODUCER_PERFORMANCE_CLASS,
    '--bootstrap-server',
    o.bootstrap,
    '--topic',
    o.topic,
    '--num-records',
    String(o.records),
    '--record-size',
    String(o.recordSize),
    '--throughput',
    '-1',
    ...keys,
    '--command-property',
    'acks=all',
  ];
}

/** Runs the tool through `infra/stack.sh kafka-tool` (the stack's Java and Kafka jars); resolves with its output. */
export function runProducerPerformance(args: string[], timeoutMs = 600_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(ROOT, 'infra', 'stack.sh'), 'kafka-tool', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`ProducerPerformance exited with ${code ?? signal}:\n${output.split('\n').slice(-20).join('\n')}`));
    });
  });
}

export interface ProducerBaseline {
  topic: string;
  partitions: number;
  sizes: ReturnType<RecordSizeTally['toJSON']>;
  args: string[];
  result: ProducerPerformanceResult;
}

/**
 * Kafka's ProducerPerformance for the replay's figures: the replayed topics are read back
 * to measure the records' mean value size and distinct keys, then the tool sends as many
 * records of that size (keys in as many values) to a throwaway topic with the same
 * partition count.
 */
export async function measureProducerBaseline(o: {
  kafka: Kafka;
  bootstrap: string;
  replayedTopics: string[];
  topic: string;
  groupId: string;
  records: number;
}): Promise<ProducerBaseline> {
  const sizes = await tallyTopics(o.kafka, o.replayedTopics, o.groupId);
  if (sizes.records === 0) throw new Error(`no records in ${o.replayedTopics.join(', ')} to measure`);
  const admin = o.kafka.admin();
  await admin.connect();
  let partitions: number;
  try {
    const meta = await admin.fetchTopicMetadata({ topics: o.replayedTopics });
    partitions = Math.max(...meta.topics.map((t) => t.partitions.length));
    await createTopicsAndWait(admin, [{ topic: o.topic, numPartitions: partitions }]);
  } finally {
    await admin.disconnect();
  }
  const args = producerPerformanceArgs({
    bootstrap: o.bootstrap,
    topic: o.topic,
    records: o.records,
    recordSize: Math.max(1, Math.round(sizes.meanValueBytes)),
    keyRange: sizes.distinctKeys,
  });
  const result = parseProducerPerformance(await runProducerPerformance(args));
  return { topic: o.topic, partitions, sizes: sizes.toJSON(), args, result };
}
