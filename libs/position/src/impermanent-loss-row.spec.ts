import { getSqrtRatioAtTick, ratio } from '@lib/v3-math';
import { impermanentLossRow, type ImpermanentLossInputs } from './impermanent-loss-row';

const Q96 = 2n ** 96n;
const base: ImpermanentLossInputs = {
  event: { id: '0xa:1', positionManager: '0xm', tokenId: '7', pool: '0xp', blockNumber: 10, logIndex: 1, tickLower: -887220, tickUpper: 887220 },
  principal: { liquidity: 10n ** 18n, netDeposit0: 10n ** 18n, netDeposit1: 10n ** 18n },
  // Price 1 (token1 per token0): a full-range position of L holds ≈ L of each token.
  poolPrice: { sqrtPriceX96: Q96, tick: 0 },
  decimals0: { ok: true, decimals: 18 },
  decimals1: { ok: true, decimals: 18 },
  price0: { ok: true, usdPerToken: ratio(2n), via: [] },
  price1: { ok: true, usdPerToken: ratio(2n), via: [] },
};

describe('impermanentLossRow', () => {
  it('values principal at the pool price and net deposits at the same USD prices', () => {
    const out = impermanentLossRow(base);
    if (!('row' in out)) throw new Error(out.reason);
    const r = out.row;
    // Full range at price 1: amounts are L minus the tiny full-range correction, rounded down.
    expect(BigInt(r.amount0)).toBeLessThanOrEqual(10n ** 18n);
    expect(BigInt(r.amount0)).toBeGreaterThan(10n ** 18n - 10n ** 13n);
    expect(r.value_hodl_usd).toBe(4);
    expect(r.value_position_usd).toBeCloseTo(4, 4);
    expect(r.il_usd).toBeCloseTo(r.value_position_usd - 4, 12);
    expect(r.il_pct).toBeCloseTo(r.il_usd / 4, 12);
    expect(r.il_usd).toBeLessThanOrEqual(0);
  });

  it('hand check: price ×4 on a full-range position loses 1 − 2·√4/(1+4) = 20 % against HODL', () => {
    // Deposited 1 token0 + 1 token1 at price 1 (L = 1e18); now price 4 = (2·2^96/2^96)^2.
    const out = impermanentLossRow({
      ...base,
      poolPrice: { sqrtPriceX96: 2n * Q96, tick: 13863 },
      price0: { ok: true, usdPerToken: ratio(4n), via: [] },
      price1: { ok: true, usdPerToken: ratio(1n), via: [] },
    });
    if (!('row' in out)) throw new Error(out.reason);
    // Position: L/√P = 0.5 token0, L·√P = 2 token1 → 0.5·4 + 2·1 = 4 USD; HODL: 1·4 + 1·1 = 5 USD.
    expect(out.row.value_hodl_usd).toBe(5);
    expect(out.row.value_position_usd).toBeCloseTo(4, 4);
    expect(out.row.il_usd).toBeCloseTo(-1, 4);
    expect(out.row.il_pct).toBeCloseTo(-0.2, 4);
  });

  it('an out-of-range position below its range is all token0', () => {
    const out = impermanentLossRow({ ...base, event: { ...base.event, tickLower: 600, tickUpper: 1200 } });
    if (!('row' in out)) throw new Error(out.reason);
    expect(out.row.amount1).toBe('0');
    expect(BigInt(out.row.amount0)).toBeGreaterThan(0n);
    expect(getSqrtRatioAtTick(600)).toBeGreaterThan(Q96);
  });

  it('a closed position holds nothing; il_pct is null when nothing is held on either side', () => {
    const out = impermanentLossRow({ ...base, principal: { liquidity: 0n, netDeposit0: 0n, netDeposit1: 0n } });
    if (!('row' in out)) throw new Error(out.reason);
    expect(out.row).toMatchObject({ amount0: '0', amount1: '0', value_position_usd: 0, value_hodl_usd: 0, il_usd: 0, il_pct: null });
  });

  it('gives the reason when a price, decimals or the pool state is missing', () => {
    expect(impermanentLossRow({ ...base, poolPrice: null })).toEqual({ reason: expect.stringMatching(/no price/) });
    expect(impermanentLossRow({ ...base, decimals1: { ok: false, reason: 'decimals of 0xt unknown' } })).toEqual({ reason: 'decimals of 0xt unknown' });
    expect(impermanentLossRow({ ...base, price0: { ok: false, reason: 'no pool pairs 0xt' } })).toEqual({
      reason: 'no USD price of token0: no pool pairs 0xt',
    });
  });
});
