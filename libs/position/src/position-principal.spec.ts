import { foldPrincipal, type PositionHistoryEvent } from './position-principal';

const ev = (
  id: string,
  blockNumber: number,
  logIndex: number,
  eventType: string,
  liquidityDelta: string | null,
  amount0: string | null,
  amount1: string | null,
): PositionHistoryEvent => ({
  id,
  blockNumber,
  logIndex,
  eventType,
  liquidityDelta,
  amount0,
  amount1,
});

describe('foldPrincipal', () => {
  const history = [
    ev('mint', 10, 2, 'MINT', '1000', '500', '700'),
    ev('inc', 12, 0, 'INCREASE', '500', '200', '400'),
    ev('dec', 15, 3, 'DECREASE', '-600', '350', '100'),
    ev('col', 15, 5, 'COLLECT', null, '360', '104'),
    ev('dec2', 20, 1, 'DECREASE', '-900', '10', '900'),
    ev('burn', 20, 9, 'BURN', null, null, null),
  ];

  it('sums liquidity deltas and nets deposits against decreases, increases and decreases counted', () => {
    const s = foldPrincipal(history);
    expect(s.get('mint')).toEqual({ liquidity: 1000n, netDeposit0: 500n, netDeposit1: 700n });
    expect(s.get('inc')).toEqual({ liquidity: 1500n, netDeposit0: 700n, netDeposit1: 1100n });
    expect(s.get('dec')).toEqual({ liquidity: 900n, netDeposit0: 350n, netDeposit1: 1000n });
  });

  it('leaves collects and burns out of principal (collect includes fees)', () => {
    const s = foldPrincipal(history);
    expect(s.get('col')).toEqual(s.get('dec'));
    // Fully withdrawn; the position converted to token1, so token0 was over-returned.
    expect(s.get('dec2')).toEqual({ liquidity: 0n, netDeposit0: 340n, netDeposit1: 100n });
    expect(s.get('burn')).toEqual(s.get('dec2'));
  });

  it('is a function of the facts, not of the order they were delivered in', () => {
    const shuffled = [history[3], history[0], history[5], history[2], history[1], history[4]];
    expect(foldPrincipal(shuffled)).toEqual(foldPrincipal(history));
  });
});
