import { END_OF_REPLAY, partitionOfKey } from '@lib/kafka';
import { ownsKey } from './marker-scope';

const keys = Array.from({ length: 300 }, (_, i) => `0xabc:${i}`);

describe('ownsKey', () => {
  it('gives each key to exactly the partition the producer maps it to', () => {
    const marker = { kind: END_OF_REPLAY, runId: '1', asOf: 0, partitions: 3 } as const;
    const owners = keys.map((k) => [0, 1, 2].filter((p) => ownsKey(marker, p)(k)));
    expect(owners.every((o) => o.length === 1)).toBe(true);
    expect(owners.map((o) => o[0])).toEqual(keys.map((k) => partitionOfKey(k, 3)));
    expect(new Set(owners.map((o) => o[0])).size).toBe(3);
  });

  it('owns every key when the marker has no partition count (older records)', () => {
    const marker = { kind: END_OF_REPLAY, runId: '1', asOf: 0 } as const;
    expect(keys.every(ownsKey(marker, 1))).toBe(true);
  });
});
