import { START_BLOCK, START_TIMESTAMP, blockTimestamp, transactionHash } from './chain-clock';

describe('the dataset chain clock', () => {
  it('starts at 2025-01-01 and gives every later block a later second (1.8 s blocks)', () => {
    expect(blockTimestamp(START_BLOCK)).toBe(START_TIMESTAMP);
    expect(new Date(START_TIMESTAMP * 1000).toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(blockTimestamp(START_BLOCK + 10)).toBe(START_TIMESTAMP + 18);
    for (let b = START_BLOCK; b < START_BLOCK + 50; b++) expect(blockTimestamp(b + 1)).toBeGreaterThan(blockTimestamp(b));
    expect(() => blockTimestamp(START_BLOCK - 1)).toThrow(RangeError);
  });

  it('makes distinct, reproducible transaction hashes', () => {
    const a = transactionHash(1, START_BLOCK, 0);
    expect(a).toMatch(/^0x[0-9a-f]{64}$/);
    expect(transactionHash(1, START_BLOCK, 0)).toBe(a);
    expect(new Set([a, transactionHash(1, START_BLOCK, 1), transactionHash(1, START_BLOCK + 1, 0), transactionHash(2, START_BLOCK, 0)]).size).toBe(4);
  });
});
