import { ExpiringCache } from './expiring-cache';

const square = async (keys: string[]) => new Map(keys.map((k) => [k, Number(k) ** 2]));

describe('ExpiringCache', () => {
  it('loads a key once within its TTL, the missing keys together', async () => {
    const loads: string[][] = [];
    let clock = 0;
    const cache = new ExpiringCache<number>(1_000, () => clock);
    const load = (keys: string[]) => (loads.push(keys), square(keys));
    expect(await cache.getMany(['2'], load)).toEqual(new Map([['2', 4]]));
    expect(await cache.getMany(['2', '3', '4', '3'], load)).toEqual(
      new Map([
        ['2', 4],
        ['3', 9],
        ['4', 16],
      ]),
    );
    clock = 999;
    await cache.getMany(['3'], load);
    expect(loads).toEqual([['2'], ['3', '4']]);
    clock = 1_000;
    await cache.getMany(['2', '3'], load);
    expect(loads[2]).toEqual(['2', '3']);
  });

  it('shares one load between concurrent callers, forgets a failed one, refuses an incomplete answer', async () => {
    let calls = 0;
    let fail = true;
    const cache = new ExpiringCache<number>(60_000);
    const load = async (keys: string[]) => {
      calls++;
      if (fail) throw new Error('database down');
      return square(keys);
    };
    await expect(Promise.all([cache.getMany(['1'], load), cache.getMany(['1'], load)])).rejects.toThrow('database down');
    expect(calls).toBe(1);
    fail = false;
    expect(await cache.getMany(['1'], load)).toEqual(new Map([['1', 1]]));
    expect(calls).toBe(2);
    await expect(cache.getMany(['5'], async () => new Map())).rejects.toThrow('did not answer key 5');
  });
});
