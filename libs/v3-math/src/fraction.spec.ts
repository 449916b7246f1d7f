import fc from 'fast-check';
import { fractionToNumber, fractionToUnits } from './fraction';
import { impermanentLoss, impermanentLossNumbers } from './impermanent-loss';
import { addRatio, compareRatio, ratio, ratioToDecimalString, ratioToNumber } from './ratio';
import { amountToUsd, usdValueFraction } from './usd-value';

const int = (bits: bigint) => fc.bigInt({ min: -(1n << bits), max: 1n << bits });
const nonZero = (bits: bigint) => int(bits).filter((x) => x !== 0n);
// Denominators with powers of two and ten in common, as prices have, or arbitrary ones.
const den = fc.oneof(
  fc.bigInt({ min: 1n, max: 1n << 250n }),
  fc
    .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 24 }), fc.bigInt({ min: 1n, max: 999n }))
    .map(([p2, p10, k]) => k * 2n ** BigInt(p2) * 10n ** BigInt(p10)),
);
const price = fc.tuple(fc.bigInt({ min: 1n, max: 1n << 250n }), den).map(([n, d]) => ratio(n, d));
const decimals = fc.integer({ min: 0, max: 24 });

describe('fractions (unreduced)', () => {
  it('round to the same double and the same fixed-point units as the reduced ratio', () => {
    fc.assert(
      fc.property(int(300n), nonZero(300n), fc.bigInt({ min: 1n, max: 1n << 80n }), (num, d, common) => {
        const reduced = ratio(num, d);
        const unreduced = { num: num * common, den: d * common };
        expect(fractionToNumber(unreduced)).toBe(ratioToNumber(reduced));
        expect(fractionToNumber({ num: -unreduced.num, den: -unreduced.den })).toBe(ratioToNumber(reduced));
        const units = fractionToUnits(unreduced, 18);
        expect(units.toString()).toBe(
          ratioToDecimalString(reduced, 18)
            .replace('.', '')
            .replace(/^(-?)0+(?=\d)/, '$1'),
        );
      }),
      { numRuns: 1000 },
    );
    expect(() => fractionToNumber({ num: 1n, den: 0n })).toThrow(RangeError);
  });

  it('sum USD terms to the exact value amountToUsd and addRatio give', () => {
    fc.assert(
      fc.property(int(200n), decimals, price, int(200n), decimals, price, (a0, d0, p0, a1, d1, p1) => {
        const sum = usdValueFraction([
          { amount: a0, decimals: d0, price: p0 },
          { amount: a1, decimals: d1, price: p1 },
        ]);
        expect(compareRatio(ratio(sum.num, sum.den), addRatio(amountToUsd(a0, d0, p0), amountToUsd(a1, d1, p1)))).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('give impermanent-loss figures equal to rounding the exact ratios', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 1n << 128n }),
        fc.bigInt({ min: 0n, max: 1n << 128n }),
        int(128n),
        int(128n),
        decimals,
        decimals,
        price,
        price,
        (amount0, amount1, netDeposited0, netDeposited1, decimals0, decimals1, price0Usd, price1Usd) => {
          const p = { amount0, amount1, netDeposited0, netDeposited1, decimals0, decimals1, price0Usd, price1Usd };
          const exact = impermanentLoss(p);
          expect(impermanentLossNumbers(p)).toEqual({
            valuePosition: ratioToNumber(exact.valuePosition),
            valueHodl: ratioToNumber(exact.valueHodl),
            ilUsd: ratioToNumber(exact.ilUsd),
            ilPct: exact.ilPct === null ? null : ratioToNumber(exact.ilPct),
          });
        },
      ),
      { numRuns: 500 },
    );
    // A zero HODL value has no percentage.
    const zero = impermanentLossNumbers({
      amount0: 5n,
      amount1: 0n,
      netDeposited0: 0n,
      netDeposited1: 0n,
      decimals0: 0,
      decimals1: 0,
      price0Usd: ratio(1n),
      price1Usd: ratio(1n),
    });
    expect(zero).toEqual({ valuePosition: 5, valueHodl: 0, ilUsd: 5, ilPct: null });
  });
});
