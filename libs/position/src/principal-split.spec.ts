import { splitCollects, type OwedEvent } from './principal-split';

let ids = 0;
const ev = (eventType: string, amount0: bigint, amount1: bigint): OwedEvent => ({ id: `e${++ids}`, blockNumber: 0, logIndex: 0, eventType, amount0, amount1 });
/** The events in chain order as listed: one block each. */
const history = (...events: OwedEvent[]) => events.map((e, i) => Object.assign(e, { blockNumber: 100 + i }));

describe('splitting collects into principal and fees', () => {
  it('counts a collect without earlier decreases as fees only', () => {
    const c = ev('COLLECT', 5n, 7n);
    expect(splitCollects(history(ev('MINT', 100n, 100n), c)).get(c.id)).toEqual({
      collected0: 5n,
      collected1: 7n,
      principal0: 0n,
      principal1: 0n,
      fee0: 5n,
      fee1: 7n,
    });
  });

  it('takes the decreased principal first and the fees after it', () => {
    const c = ev('COLLECT', 110n, 52n);
    const s = splitCollects(history(ev('MINT', 500n, 500n), ev('DECREASE', 100n, 50n), c)).get(c.id)!;
    expect(s).toMatchObject({ principal0: 100n, principal1: 50n, fee0: 10n, fee1: 2n });
  });

  it('carries principal not yet collected to the next collect, per token', () => {
    const first = ev('COLLECT', 60n, 80n);
    const second = ev('COLLECT', 50n, 1n);
    const splits = splitCollects(history(ev('DECREASE', 100n, 50n), first, second));
    expect(splits.get(first.id)).toMatchObject({ principal0: 60n, fee0: 0n, principal1: 50n, fee1: 30n });
    expect(splits.get(second.id)).toMatchObject({ principal0: 40n, fee0: 10n, principal1: 0n, fee1: 1n });
  });

  it('adds up several decreases before one collect', () => {
    const c = ev('COLLECT', 30n, 30n);
    expect(splitCollects(history(ev('DECREASE', 10n, 0n), ev('DECREASE', 15n, 40n), c)).get(c.id)).toMatchObject({
      principal0: 25n,
      fee0: 5n,
      principal1: 30n,
      fee1: 0n,
    });
  });

  it('folds in chain order, not in the order given', () => {
    const c = { ...ev('COLLECT', 10n, 10n), blockNumber: 200, logIndex: 1 };
    const d = { ...ev('DECREASE', 10n, 10n), blockNumber: 199, logIndex: 9 };
    const late = { ...ev('DECREASE', 99n, 99n), blockNumber: 200, logIndex: 2 };
    expect(splitCollects([late, c, d]).get(c.id)).toMatchObject({ principal0: 10n, principal1: 10n, fee0: 0n, fee1: 0n });
  });

  it('always has principal + fee = collected', () => {
    const events = history(ev('DECREASE', 7n, 3n), ev('COLLECT', 2n, 9n), ev('DECREASE', 1n, 1n), ev('COLLECT', 0n, 0n), ev('COLLECT', 20n, 20n));
    for (const s of splitCollects(events).values()) {
      expect(s.principal0 + s.fee0).toBe(s.collected0);
      expect(s.principal1 + s.fee1).toBe(s.collected1);
      expect(s.fee0 >= 0n && s.fee1 >= 0n).toBe(true);
    }
  });
});
