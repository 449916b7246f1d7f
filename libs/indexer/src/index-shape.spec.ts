import { isIndexShape, quirkHits, stableFraction, stampBlockOf, uniformQuirkRates } from './index-shape';

describe('stampBlockOf', () => {
  const plan = { anchor: 1000, size: 10, lastBlock: 1034 };

  it.each([
    [1000, 1004],
    [1004, 1004],
    [1009, 1004],
    [1010, 1014],
    [1029, 1024],
    // The last window [1030..1034] is cut at the run's last block: its middle is 1032.
    [1030, 1032],
    [1034, 1032],
  ])('block %d → stamp block %d', (block, stamp) => {
    expect(stampBlockOf(block, plan)).toBe(stamp);
  });

  it('stamps a window of one block with that block', () => {
    expect(stampBlockOf(7, { anchor: 0, size: 1, lastBlock: 10 })).toBe(7);
  });

  it('refuses a window that is not a positive integer', () => {
    expect(() => stampBlockOf(1, { anchor: 0, size: 0, lastBlock: 10 })).toThrow(RangeError);
  });
});

describe('quirk selection', () => {
  it('is a stable fraction in [0, 1)', () => {
    expect(stableFraction('abc')).toBe(stableFraction('abc'));
    expect(stableFraction('abc')).not.toBe(stableFraction('abd'));
    for (const text of ['', 'a', '0x11:1', 'z'.repeat(100)]) {
      expect(stableFraction(text)).toBeGreaterThanOrEqual(0);
      expect(stableFraction(text)).toBeLessThan(1);
    }
  });

  it('hits about the rate of many keys, independently per quirk', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `0x${i.toString(16).padStart(64, '0')}:${i % 7}`);
    const rates = uniformQuirkRates(0.04);
    const hits = ids.filter((id) => quirkHits('usd-value-zero', id, rates));
    expect(hits.length).toBeGreaterThan(300);
    expect(hits.length).toBeLessThan(500);
    const both = hits.filter((id) => quirkHits('collect-zero-delta', id, rates));
    expect(both.length).toBeLessThan(50);
  });

  it('hits nothing at rate 0 and everything at rate 1', () => {
    expect(quirkHits('unknown-event', 'x', uniformQuirkRates(0))).toBe(false);
    expect(quirkHits('unknown-event', 'x', uniformQuirkRates(1))).toBe(true);
    expect(() => uniformQuirkRates(1.5)).toThrow(RangeError);
  });

  it('knows its shapes', () => {
    expect(isIndexShape('production')).toBe(true);
    expect(isIndexShape('prod')).toBe(false);
  });
});
