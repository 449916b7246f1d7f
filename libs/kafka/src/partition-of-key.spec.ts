import { randomBytes, randomInt } from 'node:crypto';
import { Partitioners } from 'kafkajs';
import { partitionOfKey } from './partition-of-key';

/** kafkajs's own choice for a keyed message (what our producers use), through its public API. */
function kafkajsPartition(key: string, partitions: number): number {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    partitionErrorCode: 0,
    replicas: [0],
    isr: [0],
  }));
  return partitioner({ topic: 't', partitionMetadata, message: { key, value: null } });
}

describe('partitionOfKey', () => {
  it('agrees with kafkajs DefaultPartitioner on random keys of every length and shape, for 1..64 partitions', () => {
    const shapes = [
      () => String(randomInt(0, 2 ** 40)), // token ids (position events)
      () => `0x${randomBytes(20).toString('hex')}`, // pool addresses
      () => `0x${randomBytes(20).toString('hex')}:${randomInt(0, 10 ** 6)}`, // positionKey
      () => randomBytes(randomInt(0, 12)).toString('base64'), // every length mod 4, including 0
      () => 'é€😀'.repeat(randomInt(0, 4)) + String(randomInt(0, 999)), // multi-byte UTF-8
    ];
    let compared = 0;
    for (let i = 0; i < 5000; i++) {
      const key = shapes[i % shapes.length]();
      const partitions = 1 + (i % 64);
      expect([key, partitions, partitionOfKey(key, partitions)]).toEqual([key, partitions, kafkajsPartition(key, partitions)]);
      compared++;
    }
    expect(compared).toBe(5000);
  });

  it('spreads keys over every partition and refuses a partition count below 1', () => {
    const seen = new Set(Array.from({ length: 600 }, (_, i) => partitionOfKey(String(i), 6)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(() => partitionOfKey('x', 0)).toThrow(/positive integer/);
  });
});
