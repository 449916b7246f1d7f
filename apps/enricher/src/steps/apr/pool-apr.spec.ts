import { ratio } from '@lib/v3-math';
import { parseUsd } from '@lib/position';
import { poolApr, type AprInputs } from './pool-apr';

const E18 = 10n ** 18n;
const price = (num: bigint, den = 1n) => ({ ok: true as const, usdPerToken: ratio(num, den), via: [] });

/**
 * A USDT0/WFLR pool at the day end: 10 000 USDT0 ($10 000) and 500 000 WFLR at $0.02
 * ($10 000), so TVL = $20 000. The day's fees: $10.
 */
const pool: AprInputs = {
  token0: { balance: 10_000n * 10n ** 6n, decimals: { ok: true, decimals: 6 }, price: price(1n) },
  token1: { balance: 500_000n * E18, decimals: { ok: true, decimals: 18 }, price: price(2n, 100n) },
  feesUsd: parseUsd('10'),
  incentiveUsdPerDay: ratio(0n),
  rflrRawPerDay: ratio(0n),
  rflrPrice: price(2n, 100n),
};

describe('pool APR, hand-worked', () => {
  it('without incentives: fee APR = 10 × 365 / 20 000 = 18.25 %', () => {
    expect(poolApr(pool)).toEqual({
      price0Usd: 1,
      price1Usd: 0.02,
      tvlUsd: ratio(20_000n),
      rflrUsdPerDay: ratio(0n),
      feeApr: 0.1825,
      incentiveApr: 0,
      rflrApr: 0,
      totalApr: 0.1825,
      reason: null,
    });
  });

  it('with a $40/day programme and 1000 rFLR/day at $0.02: incentive APR = (40 + 20) × 365 / 20 000', () => {
    const r = poolApr({ ...pool, incentiveUsdPerDay: ratio(40n), rflrRawPerDay: ratio(1000n * E18) });
    expect(r.rflrUsdPerDay).toEqual(ratio(20n));
    expect(r.feeApr).toBe(0.1825);
    expect(r.rflrApr).toBe(0.365);
    expect(r.incentiveApr).toBe(1.095); // 0.73 + 0.365
    expect(r.totalApr).toBe(1.2775);
    expect(r.reason).toBeNull();
  });

  it('gives no APR but a reason when the pool holds nothing (no division by zero)', () => {
    const empty = { ...pool, token0: { ...pool.token0, balance: 0n }, token1: { ...pool.token1, balance: 0n }, rflrRawPerDay: ratio(5n) };
    expect(poolApr(empty)).toMatchObject({
      tvlUsd: ratio(0n),
      feeApr: null,
      incentiveApr: null,
      rflrApr: null,
      totalApr: null,
      reason: 'no TVL: the pool holds nothing of value at the day end',
    });
  });

  it('gives no APR when a held token has no price, but ignores the price of a token it does not hold', () => {
    const unpriced = { ...pool, token1: { ...pool.token1, price: { ok: false as const, reason: 'no pool prices 0xw' } } };
    expect(poolApr(unpriced)).toMatchObject({ tvlUsd: null, totalApr: null, reason: 'no TVL: token1: no pool prices 0xw' });
    const onlyStable = poolApr({ ...unpriced, token1: { ...unpriced.token1, balance: 0n } });
    expect(onlyStable).toMatchObject({ tvlUsd: ratio(10_000n), feeApr: 0.365, price1Usd: null, reason: null });
  });

  it('refuses a negative balance (missing events) instead of a negative TVL', () => {
    expect(poolApr({ ...pool, token0: { ...pool.token0, balance: -1n } }).reason).toMatch(/negative/);
  });
});
