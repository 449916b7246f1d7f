import { parseRatio, ratio, ratioToNumber } from './ratio';
import { amountToUsd } from './usd-value';

describe('amountToUsd', () => {
  it('scales the raw amount by decimals and multiplies by the whole-token price, exactly', () => {
    // 1.5 USDC at 0.9998 USD = 1.4997 USD.
    expect(amountToUsd(1_500_000n, 6, parseRatio('0.9998'))).toEqual(ratio(14997n, 10000n));
    // 1 wei of an 18-decimal token at 3000 USD = 3e-15 USD.
    expect(amountToUsd(1n, 18, ratio(3000n))).toEqual(ratio(3n, 10n ** 15n));
    // 1/3 USD price keeps thirds exact until the end.
    expect(ratioToNumber(amountToUsd(3n * 10n ** 18n, 18, ratio(1n, 3n)))).toBe(1);
    expect(amountToUsd(0n, 18, ratio(3000n))).toEqual(ratio(0n));
    expect(amountToUsd(-2_000_000n, 6, ratio(1n))).toEqual(ratio(-2n));
  });

  it('refuses negative or fractional decimals', () => {
    expect(() => amountToUsd(1n, -1, ratio(1n))).toThrow(RangeError);
    expect(() => amountToUsd(1n, 1.5, ratio(1n))).toThrow(RangeError);
  });
});
