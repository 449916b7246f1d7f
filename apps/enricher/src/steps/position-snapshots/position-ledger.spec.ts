import { foldLedger, ledgerBefore, type SnapshotHistoryEvent } from './position-ledger';

const ev = (
  id: string,
  blockNumber: number,
  logIndex: number,
  eventType: string,
  liquidityDelta: string | null,
  amount0: string | null,
  amount1: string | null,
): SnapshotHistoryEvent => ({
  id,
  blockNumber,
  logIndex,
  timestamp: blockNumber * 10,
  eventType,
  liquidityDelta,
  amount0,
  amount1,
});

const history = [
  ev('mint', 10, 2, 'MINT', '1000', '500', '700'),
  ev('inc', 12, 0, 'INCREASE', '500', '200', '400'),
  ev('dec', 15, 3, 'DECREASE', '-600', '350', '100'),
  ev('col', 15, 5, 'COLLECT', null, '360', '104'),
  ev('dec2', 20, 1, 'DECREASE', '-900', '10', '900'),
  ev('col2', 20, 4, 'COLLECT', null, '10', '900'),
  ev('burn', 20, 9, 'BURN', null, null, null),
];

describe('foldLedger', () => {
  it('accumulates deposits, withdrawals and collects per token, raw, beside the liquidity', () => {
    const byId = new Map(foldLedger(history).map((x) => [x.event.id, x.state]));
    expect(byId.get('inc')).toMatchObject({ liquidity: 1500n, deposited0: 700n, deposited1: 1100n, withdrawn0: 0n, collected0: 0n, burned: false });
    expect(byId.get('col')).toMatchObject({ liquidity: 900n, withdrawn0: 350n, withdrawn1: 100n, collected0: 360n, collected1: 104n });
    expect(byId.get('burn')).toEqual({
      liquidity: 0n,
      deposited0: 700n,
      deposited1: 1100n,
      withdrawn0: 360n,
      withdrawn1: 1000n,
      collected0: 370n,
      collected1: 1004n,
      burned: true,
    });
  });

  it('is a function of the facts, not of their delivery order', () => {
    expect(foldLedger([...history].reverse())).toEqual(foldLedger(history));
  });
});

describe('ledgerBefore', () => {
  const entries = foldLedger(history);
  it('is the state after the last event strictly before the point', () => {
    expect(ledgerBefore(entries, { blockNumber: 10, logIndex: 2 })).toBeNull();
    expect(ledgerBefore(entries, { blockNumber: 13, logIndex: 0 })?.liquidity).toBe(1500n);
    expect(ledgerBefore(entries, { blockNumber: 15, logIndex: 5 })?.collected0).toBe(0n);
    expect(ledgerBefore(entries, { blockNumber: 21, logIndex: 0 })?.burned).toBe(true);
  });
});
