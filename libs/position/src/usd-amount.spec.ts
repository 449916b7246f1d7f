import { ratio } from '@lib/v3-math';
import { formatUsd, parseUsd, toUsdUnits, usdUnitsToRatio } from './usd-amount';

describe('USD amounts in 1e-18 units', () => {
  it('rounds an exact value once, half away from zero', () => {
    expect(toUsdUnits(ratio(1n, 3n))).toBe(333_333_333_333_333_333n);
    expect(toUsdUnits(ratio(2n, 3n))).toBe(666_666_666_666_666_667n);
    expect(toUsdUnits(ratio(5n, 10n ** 19n))).toBe(1n);
  });

  it('formats with all 18 decimals and parses back what PostgreSQL returns', () => {
    expect(formatUsd(1_500_000_000_000_000_000n)).toBe('1.500000000000000000');
    expect(formatUsd(7n)).toBe('0.000000000000000007');
    expect(formatUsd(-7n)).toBe('-0.000000000000000007');
    expect(parseUsd('1.5')).toBe(1_500_000_000_000_000_000n);
    expect(parseUsd('42')).toBe(42n * 10n ** 18n);
    expect(parseUsd(formatUsd(-123_456n))).toBe(-123_456n);
    expect(() => parseUsd('1.0000000000000000001')).toThrow(SyntaxError);
    expect(() => parseUsd('abc')).toThrow(SyntaxError);
  });

  it('converts back to an exact ratio', () => {
    expect(usdUnitsToRatio(2_500_000_000_000_000_000n)).toEqual(ratio(5n, 2n));
  });
});
