import { changesBetween, type PlacedTickChange } from './pool-tick-history';

const at = (blockNumber: number, logIndex: number): PlacedTickChange => ({ blockNumber, logIndex, timestamp: blockNumber * 2, tick: blockNumber });
const history = [at(10, 1), at(10, 5), at(11, 0), at(12, 3)];

describe('a pool tick history between two points', () => {
  it('keeps the changes strictly between them', () => {
    expect(changesBetween(history, { blockNumber: 10, logIndex: 1 }, { blockNumber: 12, logIndex: 3 })).toEqual([at(10, 5), at(11, 0)]);
  });

  it('includes changes of the same block ordered between the points', () => {
    expect(changesBetween(history, { blockNumber: 10, logIndex: 0 }, { blockNumber: 10, logIndex: 6 })).toEqual([at(10, 1), at(10, 5)]);
  });

  it('is empty for an empty window or an empty history', () => {
    expect(changesBetween(history, { blockNumber: 11, logIndex: 0 }, { blockNumber: 11, logIndex: 0 })).toEqual([]);
    expect(changesBetween([], { blockNumber: 1, logIndex: 0 }, { blockNumber: 99, logIndex: 0 })).toEqual([]);
  });
});
