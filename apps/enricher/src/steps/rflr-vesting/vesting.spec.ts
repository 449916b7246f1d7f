import { VESTING_SECONDS, vestingAsOf } from './vesting';

const DAY = 86_400;
const E18 = 10n ** 18n;
const JAN_2025 = Date.UTC(2025, 0, 1) / 1000;
const FEB_2025 = Date.UTC(2025, 1, 1) / 1000;

describe('rFLR vesting', () => {
  it('at the start of the month nothing is vested and half the allocation is claimable', () => {
    expect(vestingAsOf([{ monthStart: JAN_2025, amountRaw: 360n * E18 }], JAN_2025)).toEqual({
      allocations: 1,
      earned: 360n * E18,
      vested: 0n,
      locked: 360n * E18,
      claimable: 180n * E18,
    });
  });

  it('vests 1/360 a day: after 90 days a quarter is vested, claimable = 90 + 270/2', () => {
    expect(vestingAsOf([{ monthStart: JAN_2025, amountRaw: 360n * E18 }], JAN_2025 + 90 * DAY)).toEqual({
      allocations: 1,
      earned: 360n * E18,
      vested: 90n * E18,
      locked: 270n * E18,
      claimable: 225n * E18,
    });
  });

  it('is fully vested after exactly 360 days (not 12 calendar months) and stays so', () => {
    const a = [{ monthStart: JAN_2025, amountRaw: 1000n }];
    expect(vestingAsOf(a, JAN_2025 + VESTING_SECONDS - 1)).toMatchObject({ vested: 999n, locked: 1n, claimable: 999n });
    expect(vestingAsOf(a, JAN_2025 + 360 * DAY)).toEqual({ allocations: 1, earned: 1000n, vested: 1000n, locked: 0n, claimable: 1000n });
    // Past 12 months: fully vested, nothing more.
    expect(vestingAsOf(a, JAN_2025 + 800 * DAY)).toEqual({ allocations: 1, earned: 1000n, vested: 1000n, locked: 0n, claimable: 1000n });
  });

  it('an allocation of a month that has not started yet is not earned', () => {
    const a = [
      { monthStart: JAN_2025, amountRaw: 360n },
      { monthStart: FEB_2025, amountRaw: 720n },
    ];
    // One second before 1 February: January's only, 30 days and 86399 s into it.
    expect(vestingAsOf(a, FEB_2025 - 1)).toEqual({ allocations: 1, earned: 360n, vested: 30n, locked: 330n, claimable: 195n });
    // At the month boundary February's counts, nothing of it vested yet.
    expect(vestingAsOf(a, FEB_2025)).toEqual({ allocations: 2, earned: 1080n, vested: 31n, locked: 1049n, claimable: 31n + 524n });
  });

  it('sums several allocations, each from its own month start, rounding each vested part down', () => {
    // January (31 days) then February: 100 days after 1 January = 69 days after 1 February.
    const a = [
      { monthStart: JAN_2025, amountRaw: 3600n },
      { monthStart: FEB_2025, amountRaw: 7n },
    ];
    // 3600·100/360 = 1000; 7·69/360 = 1.34 → 1.
    expect(vestingAsOf(a, JAN_2025 + 100 * DAY)).toEqual({ allocations: 2, earned: 3607n, vested: 1001n, locked: 2606n, claimable: 1001n + 1303n });
  });

  it('rounds the claimable half of an odd locked amount down', () => {
    expect(vestingAsOf([{ monthStart: JAN_2025, amountRaw: 3n }], JAN_2025).claimable).toBe(1n);
  });

  it('is zero with no allocations', () => {
    expect(vestingAsOf([], JAN_2025)).toEqual({ allocations: 0, earned: 0n, vested: 0n, locked: 0n, claimable: 0n });
  });
});
