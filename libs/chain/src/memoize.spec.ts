import { BoundedCache, memoize } from './memoize';

describe('BoundedCache', () => {
  it('keeps an entry maxEntries/2 insertions after its last use, and never more than maxEntries entries', () => {
    const cache = new BoundedCache<number>(6);
    for (const k of ['a', 'b', 'c', 'd']) cache.set(k, 1);
    expect(cache.get('a')).toBe(1); // used: young again
    for (const k of ['e', 'f']) cache.set(k, 1);
    expect(cache.has('a')).toBe(true);
    expect(cache.has('b')).toBe(false); // not used for more than 3 insertions: gone
    for (let i = 0; i < 100; i++) {
      cache.set(`k${i}`, i);
      expect(cache.size).toBeLessThanOrEqual(6);
    }
    expect([cache.has('a'), cache.get('k99'), cache.get('k97')]).toEqual([false, 99, 97]);
  });

  it('replaces a value, deletes and clears', () => {
    const cache = new BoundedCache<number>(4);
    cache.set('a', 1);
    cache.set('a', 2);
    expect([cache.get('a'), cache.size]).toEqual([2, 1]);
    expect(cache.delete('a')).toBe(true);
    expect(cache.has('a')).toBe(false);
    cache.set('b', 1);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});

describe('memoize', () => {
  it('loads once per key, shares concurrent calls', async () => {
    let loads = 0;
    const decimals = memoize(
      async (token: string) => {
        loads++;
        return token.length;
      },
      (token) => token.toLowerCase(),
    );
    const [a, b] = await Promise.all([decimals('0xAB'), decimals('0xab')]);
    expect([a, b, loads]).toEqual([4, 4, 1]);
  });

  it('forgets failures so the next call tries again', async () => {
    let calls = 0;
    const flaky = memoize(
      async () => {
        if (++calls === 1) throw new Error('down');
        return 'up';
      },
      () => 'k',
    );
    await expect(flaky()).rejects.toThrow('down');
    await expect(flaky()).resolves.toBe('up');
    expect(flaky.cache.size).toBe(1);
  });
});
