import { ratio } from '@lib/v3-math';
import { swapInput } from './swap-input';
import { valueSwap } from './swap-value';
import { parseUsd } from './usd-amount';

describe('the input side of a swap', () => {
  it('is the positive amount', () => {
    expect(swapInput('1000', '-990')).toEqual({ ok: true, input: { side: 0, amountIn: 1000n } });
    expect(swapInput('-5', '7')).toEqual({ ok: true, input: { side: 1, amountIn: 7n } });
    expect(swapInput('0', '7')).toEqual({ ok: true, input: { side: 1, amountIn: 7n } });
  });

  it('refuses swaps without exactly one positive side, or without integer amounts', () => {
    expect(swapInput('5', '7').ok).toBe(false);
    expect(swapInput('-5', '-7').ok).toBe(false);
    expect(swapInput('0', '0').ok).toBe(false);
    expect(swapInput(null, '7')).toEqual({ ok: false, reason: 'amounts are not integers (amount0 null, amount1 7)' });
    expect(swapInput('1.5', '-7').ok).toBe(false);
  });
});

describe('the USD value of a swap', () => {
  const wflr = { ok: true as const, usdPerToken: ratio(213n, 10_000n), via: ['0xpool'] };

  it('prices the input amount in whole tokens, and takes the fee tier of it', () => {
    // 1000 WFLR at $0.0213 = $21.30; 0.3 % of it = $0.0639
    const r = valueSwap(1000n * 10n ** 18n, { ok: true, decimals: 18 }, wflr, 3000);
    expect(r).toEqual({ ok: true, value: { volumeUsd: parseUsd('21.3'), feesUsd: parseUsd('0.0639') } });
  });

  it('rounds each figure once from the exact value', () => {
    // 1 raw unit of a 6-decimals token at $1/3: 1/3 µUSD; the 0.05 % fee of it
    const r = valueSwap(1n, { ok: true, decimals: 6 }, { ok: true, usdPerToken: ratio(1n, 3n), via: [] }, 500);
    expect(r).toEqual({ ok: true, value: { volumeUsd: parseUsd('0.000000333333333333'), feesUsd: parseUsd('0.000000000166666667') } });
  });

  it('gives the reason when there is no price or no decimals', () => {
    expect(valueSwap(1n, { ok: true, decimals: 6 }, { ok: false, reason: 'no pool prices 0xt' }, 500)).toEqual({ ok: false, reason: 'no pool prices 0xt' });
    expect(valueSwap(1n, { ok: false, reason: 'decimals of 0xt unknown' }, wflr, 500)).toEqual({ ok: false, reason: 'decimals of 0xt unknown' });
  });
});
