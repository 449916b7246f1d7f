import { assertChainPoint, chainPointKey, compareChainPoints, endOfBlock, isBefore } from './chain-point';

describe('chain points', () => {
  it('order by block, then by log index', () => {
    expect(isBefore({ blockNumber: 5, logIndex: 9 }, { blockNumber: 6, logIndex: 0 })).toBe(true);
    expect(isBefore({ blockNumber: 6, logIndex: 1 }, { blockNumber: 6, logIndex: 2 })).toBe(true);
    expect(isBefore({ blockNumber: 6, logIndex: 2 }, { blockNumber: 6, logIndex: 2 })).toBe(false); // strictly
    expect(isBefore({ blockNumber: 7, logIndex: 0 }, { blockNumber: 6, logIndex: 99 })).toBe(false);
    expect(compareChainPoints({ blockNumber: 6, logIndex: 2 }, { blockNumber: 6, logIndex: 2 })).toBe(0);
  });

  it("the end of a block comes after each of its logs and before the next block's", () => {
    const end = endOfBlock(6);
    expect(isBefore({ blockNumber: 6, logIndex: 1_000_000 }, end)).toBe(true);
    expect(isBefore({ blockNumber: 7, logIndex: 0 }, end)).toBe(false);
    expect(chainPointKey(end)).toBe('7:0');
  });

  it('refuses points that are not non-negative int32 pairs', () => {
    expect(() => assertChainPoint({ blockNumber: 1, logIndex: 0 })).not.toThrow();
    for (const bad of [
      { blockNumber: -1, logIndex: 0 },
      { blockNumber: 1.5, logIndex: 0 },
      { blockNumber: 1, logIndex: Infinity },
      { blockNumber: 2 ** 31, logIndex: 0 },
    ]) {
      expect(() => assertChainPoint(bad)).toThrow(RangeError);
    }
  });
});
