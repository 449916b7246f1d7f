import { BoundedCache, memoize } from './memoize';

describe('BoundedCache', () => {
  it('evicts the least recently used entry', () => {
    const cache = new BoundedCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect([cache.has('a'), cache.has('b'), cache.has('c')]).toEqual([true, false, true]);
    expect(cache.size).toBe(2);
  });
});

describe('memoize', () => {
  it('loads once per key, shares concurrent calls', async () => {
    let loads = 0;
    const decimals = memoize(async (token: string) => { loads++; return token.length; }, (token) => token.toLowerCase());
    const [a, b] = await Promise.all([decimals('0xAB'), decimals('0xab')]);
    expect([a, b, loads]).toEqual([4, 4, 1]);
  });

  it('forgets failures so the next call tries again', async () => {
    let calls = 0;
    const flaky = memoize(async () => { if (++calls === 1) throw new Error('down'); return 'up'; }, () => 'k');
    await expect(flaky()).rejects.toThrow('down');
    await expect(flaky()).resolves.toBe('up');
    expect(flaky.cache.size).toBe(1);
  });
});
