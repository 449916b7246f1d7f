import { createRng } from './rng';
import { accrueExposure, allocateRflr, monthStart, nextMonthStart, planIncentives, type MonthlyExposure } from './rewards';

const JAN = Date.UTC(2025, 0, 1) / 1000;
const FEB = Date.UTC(2025, 1, 1) / 1000;
const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as const;

describe('rewards input data', () => {
  it('finds month boundaries in UTC', () => {
    expect(monthStart(JAN + 5 * 86_400 + 7)).toBe(JAN);
    expect(nextMonthStart(JAN)).toBe(FEB);
    expect(nextMonthStart(Date.UTC(2024, 11, 31, 23) / 1000)).toBe(JAN);
  });

  it('splits exposure at month boundaries', () => {
    const exposure: MonthlyExposure = new Map();
    accrueExposure(exposure, 100, FEB - 86_400, FEB + 2 * 86_400);
    expect(exposure.get(JAN)).toBe(100 * 86_400);
    expect(exposure.get(FEB)).toBe(100 * 2 * 86_400);
    accrueExposure(exposure, 0, JAN, FEB);
    accrueExposure(exposure, 5, FEB, FEB);
    expect(exposure.size).toBe(2);
  });

  it('allocates rFLR per position and month, reproducibly', () => {
    const exposure: MonthlyExposure = new Map([[JAN, 1000 * 86_400]]);
    const positions = [{ dex: 'enosys' as const, positionManager: addr(1), tokenId: 7n, exposure }];
    const a = allocateRflr(positions, createRng(3));
    expect(a).toEqual(allocateRflr(positions, createRng(3)));
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ tokenId: '7', month: '2025-01', monthStart: JAN });
    const rflr = Number(BigInt(a[0].amount) / 10n ** 12n) / 1e6; // 1000 USD-days at 0.03–0.15 rFLR per USD-day
    expect(rflr).toBeGreaterThanOrEqual(30);
    expect(rflr).toBeLessThanOrEqual(150);
  });

  it('plans running, ended and starting programmes on the busiest pools', () => {
    const pools = [1, 2, 3, 4].flatMap((n) => [
      { address: addr(n), dex: 'enosys' as const, label: `P${n}`, activity: n },
      { address: addr(10 + n), dex: 'sparkdex' as const, label: `S${n}`, activity: n },
    ]);
    const tokens = { enosys: { address: addr(100), symbol: 'rFLR', usdPrice: 0.02 }, sparkdex: { address: addr(101), symbol: 'SPRK', usdPrice: 0.05 } };
    const rows = planIncentives(pools, tokens, JAN, JAN + 4 * 86_400, createRng(1));
    expect(rows).toHaveLength(6);
    expect(rows.filter((r) => r.dex === 'enosys').map((r) => r.poolAddress)).toEqual([addr(4), addr(3), addr(2)]);
    expect(rows.map((r) => r.endDate === null)).toEqual([true, false, true, true, false, true]);
    expect(Number(rows[0].rewardUsdPerDay)).toBeCloseTo(Number(rows[0].rewardPerDay) * 0.02, 6);
  });
});
