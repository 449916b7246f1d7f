import { randomBytes } from 'node:crypto';
import { Partitioners, type PartitionerArgs } from 'kafkajs';
import { KeyPartitioner } from './key-partitioner';

const metadata = (n: number) => Array.from({ length: n }, (_, partitionId) => ({ partitionId, leader: 0, replicas: [0], isr: [0], partitionErrorCode: 0 }));

describe('KeyPartitioner', () => {
  const ours = KeyPartitioner();
  const kafkajs = Partitioners.DefaultPartitioner();

  it('puts every keyed record where kafkajs DefaultPartitioner puts it', () => {
    for (let i = 0; i < 3_000; i++) {
      const n = 1 + (i % 12);
      const key = i % 3 === 0 ? randomBytes(i % 40) : i % 3 === 1 ? `0x${randomBytes(20).toString('hex')}:${i}` : String(i * 7919);
      const args: PartitionerArgs = { topic: 't', partitionMetadata: metadata(n), message: { key, value: null } };
      expect(ours(args)).toBe(kafkajs(args));
    }
  });

  it('keeps an explicit partition and spreads unkeyed records over the partitions', () => {
    expect(ours({ topic: 't', partitionMetadata: metadata(3), message: { key: 'k', value: null, partition: 2 } })).toBe(2);
    const seen = new Set<number>();
    for (let i = 0; i < 30; i++) seen.add(ours({ topic: 't', partitionMetadata: metadata(3), message: { key: null, value: null } }));
    expect([...seen].sort()).toEqual([0, 1, 2]);
  });
});
