import { chunksByBytes } from './replay.service';

describe('chunksByBytes', () => {
  const m = (n: number) => ({ key: 'k', value: Buffer.alloc(n) });
  it('keeps order and bounds every chunk', () => {
    const messages = [m(100), m(100), m(100), m(100), m(100)];
    const chunks = chunksByBytes(messages, 300);
    expect(chunks.flat()).toEqual(messages);
    for (const c of chunks) expect(c.reduce((n, x) => n + x.value.length + 33, 0)).toBeLessThanOrEqual(300);
    expect(chunks).toHaveLength(3);
  });
  it('puts a message larger than the bound in a chunk of its own', () => {
    expect(chunksByBytes([m(10), m(1000), m(10)], 100).map((c) => c.length)).toEqual([1, 1, 1]);
    expect(chunksByBytes([], 100)).toEqual([]);
  });
});
