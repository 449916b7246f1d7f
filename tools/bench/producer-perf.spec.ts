import { parseProducerPerformance, producerPerformanceArgs, PRODUCER_PERFORMANCE_CLASS } from './producer-perf';

// Output of Kafka 4.4's ProducerPerformance on this machine: a progress line, then the summary.
const OUTPUT = `[2026-11-29 03:37:26,504] WARN [Producer clientId=perf-producer-client] The metadata response ... (org.apache.kafka.clients.NetworkClient)
7723 records sent, 1544.0 records/sec (0.29 MB/sec), 555.0 ms avg latency, 2869.0 ms max latency.
20000 records sent, 2822.068576 records/sec (0.54 MB/sec), 739.77 ms avg latency, 2869.00 ms max latency, 723 ms 50th, 1286 ms 95th, 1334 ms 99th, 1380 ms 99.9th.
`;

describe('parseProducerPerformance', () => {
  it('reads the closing summary, not a progress line', () => {
    expect(parseProducerPerformance(OUTPUT)).toEqual({ records: 20000, recordsPerSec: 2822.068576, mbPerSec: 0.54, avgLatencyMs: 739.77, maxLatencyMs: 2869 });
  });

  it('takes the last summary when a warm-up adds a steady-state one, and reads decimal commas', () => {
    const out = `${OUTPUT}15000 records sent, 3100,5 records/sec (0,60 MB/sec), 600,00 ms avg latency, 900,00 ms max latency, 580 ms 50th, 800 ms 95th, 850 ms 99th, 890 ms 99.9th.\n`;
    expect(parseProducerPerformance(out)).toMatchObject({ records: 15000, recordsPerSec: 3100.5, mbPerSec: 0.6 });
  });

  it('fails with the tail of the output when there is no summary', () => {
    expect(() => parseProducerPerformance('7723 records sent, 1544.0 records/sec (0.29 MB/sec), 555.0 ms avg latency, 2869.0 ms max latency.\n')).toThrow(
      /no ProducerPerformance summary.*\n7723 records sent/s,
    );
  });
});

describe('producerPerformanceArgs', () => {
  it('asks for the same count, size and number of keys, unthrottled, acks=all', () => {
    const args = producerPerformanceArgs({ bootstrap: '127.0.0.1:9092', topic: 't', records: 36000, recordSize: 187, keyRange: 1520 });
    expect(args[0]).toBe(PRODUCER_PERFORMANCE_CLASS);
    expect(args.join(' ')).toBe(
      `${PRODUCER_PERFORMANCE_CLASS} --bootstrap-server 127.0.0.1:9092 --topic t --num-records 36000 --record-size 187 --throughput -1 --key-distribution range --record-key-range 1520 --command-property acks=all`,
    );
  });

  it('sends null keys when the records had none', () => {
    expect(producerPerformanceArgs({ bootstrap: 'b', topic: 't', records: 1, recordSize: 1, keyRange: 0 })).not.toContain('--key-distribution');
  });
});
