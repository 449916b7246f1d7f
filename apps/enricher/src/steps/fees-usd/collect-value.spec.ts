import { ratio } from '@lib/v3-math';
import { valueCollect, type PricedToken } from './collect-value';

const split = { collected0: 3_000_000n, collected1: 2n * 10n ** 18n, principal0: 1_000_000n, principal1: 10n ** 18n, fee0: 2_000_000n, fee1: 10n ** 18n };
const usdt: PricedToken = { decimals: { ok: true, decimals: 6 }, price: { ok: true, usdPerToken: ratio(1n), via: [] } };
const wflr: PricedToken = { decimals: { ok: true, decimals: 18 }, price: { ok: true, usdPerToken: ratio(213n, 10_000n), via: ['0xpool'] } };

describe('the USD value of a collect', () => {
  it('adds both tokens at their prices, whole tokens by their decimals', () => {
    const r = valueCollect(split, usdt, wflr);
    expect(r).toEqual({ ok: true, value: { price0Usd: 1, price1Usd: 0.0213, usdValue: 3 + 2 * 0.0213, feeUsdValue: 2 + 0.0213, priceVia: 'usd|0xpool' } });
  });

  it('rounds once, at the end', () => {
    const third: PricedToken = { decimals: { ok: true, decimals: 0 }, price: { ok: true, usdPerToken: ratio(1n, 3n), via: ['0xa', '0xb'] } };
    const r = valueCollect({ ...split, collected0: 3n, collected1: 0n, fee0: 3n, fee1: 0n }, third, third);
    expect(r.ok && r.value.usdValue).toBe(1);
    expect(r.ok && r.value.priceVia).toBe('0xa>0xb|0xa>0xb');
  });

  it('gives the pricing reason instead of guessing a price or decimals', () => {
    expect(valueCollect(split, usdt, { ...wflr, price: { ok: false, reason: 'no pool pairs 0xt with x' } })).toEqual({
      ok: false,
      reason: 'token1: no pool pairs 0xt with x',
    });
    expect(valueCollect(split, { ...usdt, decimals: { ok: false, reason: 'decimals of 0xu unknown' } }, wflr)).toEqual({
      ok: false,
      reason: 'token0: decimals of 0xu unknown',
    });
  });
});
