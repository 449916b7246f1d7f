import { balancesAtDayEnds } from './pool-balance';

const D = 86_400;
const JAN1 = Date.UTC(2026, 0, 1) / 1000;

describe('pool balances at day ends', () => {
  it('add up the flows of every day through the day, including days without flows', () => {
    const flows = [
      { dayStart: JAN1 + 2 * D, net0: -30n, net1: 25n }, // swaps and a collect
      { dayStart: JAN1, net0: 100n, net1: 200n }, // the first mints
    ];
    const b = balancesAtDayEnds(flows, [JAN1 + 3 * D, JAN1, JAN1 + D, JAN1 + 2 * D]);
    expect(b.get(JAN1)).toEqual({ balance0: 100n, balance1: 200n });
    expect(b.get(JAN1 + D)).toEqual({ balance0: 100n, balance1: 200n });
    expect(b.get(JAN1 + 2 * D)).toEqual({ balance0: 70n, balance1: 225n });
    expect(b.get(JAN1 + 3 * D)).toEqual({ balance0: 70n, balance1: 225n });
  });

  it('is zero before the first flow', () => {
    expect(balancesAtDayEnds([{ dayStart: JAN1 + D, net0: 1n, net1: 1n }], [JAN1]).get(JAN1)).toEqual({ balance0: 0n, balance1: 0n });
  });
});
