import type { PositionHistoryEvent } from '@lib/position';
import { collectedFees } from './collected-fees';

const ev = (id: string, blockNumber: number, eventType: string, amount0: string | null, amount1: string | null): PositionHistoryEvent => ({
  id,
  blockNumber,
  logIndex: 0,
  eventType,
  liquidityDelta: null,
  amount0,
  amount1,
});

describe('collectedFees', () => {
  it('sums what collects paid beyond the principal released by decreases', () => {
    const history = [
      ev('mint', 1, 'MINT', '1000', '1000'),
      ev('c1', 2, 'COLLECT', '5', '7'), // all fees
      ev('dec', 3, 'DECREASE', '100', '50'),
      ev('c2', 4, 'COLLECT', '110', '50'), // 100 + 50 principal, 10 + 0 fees
    ];
    expect(collectedFees(history)).toEqual({ fee0: 15n, fee1: 7n });
  });

  it('is zero without collects', () => {
    expect(collectedFees([ev('mint', 1, 'MINT', '1', '1')])).toEqual({ fee0: 0n, fee1: 0n });
  });
});
