import { createRng } from './rng';

describe('createRng', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const draws = (r: ReturnType<typeof createRng>) => Array.from({ length: 50 }, () => r.next());
    expect(draws(a)).toEqual(draws(b));
  });

  it('differs between seeds and between forks', () => {
    expect(createRng(1).next()).not.toBe(createRng(2).next());
    expect(createRng(1).fork('swaps').next()).not.toBe(createRng(1).fork('mints').next());
    expect(createRng(1).fork('swaps').next()).toBe(createRng(1).fork('swaps').next());
  });

  it('pins the first values (a change here changes every generated chain)', () => {
    const r = createRng(42);
    expect([r.int(0, 1000), r.int(0, 1000), r.int(0, 1000)]).toEqual([601, 448, 853]);
  });

  it('keeps draws within bounds', () => {
    const r = createRng(7);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(-3, 3);
      expect(n).toBeGreaterThanOrEqual(-3);
      expect(n).toBeLessThanOrEqual(3);
      const x = r.logUniform(10, 1000);
      expect(x).toBeGreaterThanOrEqual(10);
      expect(x).toBeLessThan(1000);
    }
    expect(r.weighted(['a', 'b'], (s) => (s === 'a' ? 0 : 1))).toBe('b');
    expect(() => r.pick([])).toThrow(RangeError);
  });
});
