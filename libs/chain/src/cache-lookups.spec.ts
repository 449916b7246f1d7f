import { observeCacheLookups, type CacheOutcome } from './cache-lookups';
import { memoize } from './memoize';

describe('cache lookups', () => {
  afterEach(() => observeCacheLookups(undefined));

  it('a named memoize reports a miss, then hits, to the observer', async () => {
    const seen: [string, CacheOutcome][] = [];
    observeCacheLookups((cache, outcome) => seen.push([cache, outcome]));
    const decimals = memoize(
      async (t: string) => t.length,
      (t) => t,
      { name: 'decimals' },
    );
    await decimals('a');
    await decimals('a');
    await decimals('b');
    expect(seen).toEqual([
      ['decimals', 'miss'],
      ['decimals', 'hit'],
      ['decimals', 'miss'],
    ]);
  });

  it('an unnamed memoize reports nothing', async () => {
    const seen: unknown[] = [];
    observeCacheLookups((...args) => seen.push(args));
    const f = memoize(
      async (t: string) => t,
      (t) => t,
    );
    await f('a');
    expect(seen).toEqual([]);
  });
});
