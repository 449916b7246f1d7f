import fc from 'fast-check';
import {
  ONE_RATIO,
  ZERO_RATIO,
  addRatio,
  compareRatio,
  divRatio,
  isZeroRatio,
  mulRatio,
  parseRatio,
  ratio,
  ratioToDecimalString,
  ratioToNumber,
  subRatio,
} from './ratio';

// A failing property reports within seconds instead of shrinking big bigints for minutes.
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true });

describe('ratio', () => {
  it('normalizes sign and common factors', () => {
    expect(ratio(6n, -4n)).toEqual({ num: -3n, den: 2n });
    expect(ratio(0n, -7n)).toEqual(ZERO_RATIO);
    expect(ratio(5n)).toEqual({ num: 5n, den: 1n });
    expect(() => ratio(1n, 0n)).toThrow(RangeError);
  });

  it('does exact arithmetic', () => {
    const third = ratio(1n, 3n);
    const sixth = ratio(1n, 6n);
    expect(addRatio(third, sixth)).toEqual(ratio(1n, 2n));
    expect(subRatio(sixth, third)).toEqual(ratio(-1n, 6n));
    expect(mulRatio(third, ratio(3n))).toEqual(ONE_RATIO);
    expect(divRatio(sixth, third)).toEqual(ratio(1n, 2n));
    expect(() => divRatio(ONE_RATIO, ZERO_RATIO)).toThrow(RangeError);
    expect(isZeroRatio(subRatio(third, third))).toBe(true);
    expect([compareRatio(third, sixth), compareRatio(sixth, third), compareRatio(third, ratio(2n, 6n))]).toEqual([1, -1, 0]);
  });
});

describe('ratioToNumber', () => {
  it('add, sub, mul and div cancel factors early yet give the normalized ratio of the plain products', () => {
    const int = (bits: bigint) => fc.bigInt({ min: -(1n << bits), max: 1n << bits });
    // Denominators often share powers of two and ten, as prices' do; and some are arbitrary.
    const den = fc.oneof(
      fc.bigInt({ min: 1n, max: 1n << 300n }),
      fc
        .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 30 }), fc.bigInt({ min: 1n, max: 1000n }))
        .map(([p2, p10, k]) => k * 2n ** BigInt(p2) * 10n ** BigInt(p10)),
    );
    const anyRatio = fc.tuple(fc.oneof(int(300n), int(20n), fc.constant(0n)), den).map(([n, d]) => ratio(n, d));
    fc.assert(
      fc.property(anyRatio, anyRatio, (a, b) => {
        expect(addRatio(a, b)).toEqual(ratio(a.num * b.den + b.num * a.den, a.den * b.den));
        expect(subRatio(a, b)).toEqual(ratio(a.num * b.den - b.num * a.den, a.den * b.den));
        expect(mulRatio(a, b)).toEqual(ratio(a.num * b.num, a.den * b.den));
        if (b.num !== 0n) expect(divRatio(a, b)).toEqual(ratio(a.num * b.den, a.den * b.num));
      }),
      { numRuns: 1000 },
    );
  });

  it('is the correctly rounded double of small fractions (IEEE division of exact integers is)', () => {
    // Both operands below 2^53 are exact doubles, so n / d in floating point is the oracle.
    const int = fc.integer({ min: -(2 ** 53 - 1), max: 2 ** 53 - 1 });
    fc.assert(
      fc.property(int, int, (n, d) => {
        fc.pre(d !== 0);
        expect(ratioToNumber(ratio(BigInt(n), BigInt(d)))).toBe(n / d + 0); // + 0: a Ratio has no −0
      }),
      { seed: 7001, numRuns: 2000 },
    );
  });

  it('keeps full precision where Number(num)/Number(den) would overflow or round twice', () => {
    expect(ratioToNumber(ratio(10n ** 400n + 1n, 10n ** 399n))).toBe(10);
    expect(ratioToNumber(ratio(10n ** 399n, 3n * 10n ** 400n))).toBe(1 / 30);
    expect(ratioToNumber(ratio(1n, 10n ** 320n))).toBe(1e-320); // subnormal
    expect(ratioToNumber(ratio(10n ** 308n))).toBe(1e308);
    expect(ratioToNumber(ratio(-(2n ** 200n) - 1n, 2n ** 100n))).toBe(-(2 ** 100));
    // 2^53 + 1 is a tie between 2^53 and 2^53 + 2: round half to even gives 2^53;
    // a hair above the tie must round up.
    expect(ratioToNumber(ratio(2n ** 53n + 1n))).toBe(2 ** 53);
    expect(ratioToNumber(ratio(2n ** 60n + 2n ** 7n + 1n, 2n ** 7n))).toBe(2 ** 53 + 2);
    expect(ratioToNumber(ZERO_RATIO)).toBe(0);
  });

  it('agrees with parsing a long exact decimal expansion, over many magnitudes (seeded)', () => {
    const big = fc.integer({ min: 1, max: 600 }).chain((bits) => fc.bigInt({ min: 1n, max: (1n << BigInt(bits)) - 1n }));
    fc.assert(
      fc.property(big, big, (n, d) => {
        // 60 significant digits: far beyond what can change the nearest double except at exact ties.
        const exact = ratio(n, d);
        const scale = 60 - (n.toString().length - d.toString().length);
        const text = scale >= 0 ? ratioToDecimalString(exact, scale) : (n / d).toString();
        expect(ratioToNumber(exact)).toBe(Number(text));
      }),
      { seed: 7002, numRuns: 1000 },
    );
  });
});

describe('ratioToDecimalString', () => {
  it('rounds half away from zero to the requested digits', () => {
    expect(ratioToDecimalString(ratio(1n, 3n), 4)).toBe('0.3333');
    expect(ratioToDecimalString(ratio(2n, 3n), 4)).toBe('0.6667');
    expect(ratioToDecimalString(ratio(1n, 8n), 2)).toBe('0.13');
    expect(ratioToDecimalString(ratio(-1n, 2n), 0)).toBe('-1');
    expect(ratioToDecimalString(ratio(-1n, 1000n), 2)).toBe('0.00');
    expect(ratioToDecimalString(ratio(12345n, 100n), 1)).toBe('123.5');
    expect(ratioToDecimalString(ratio(-572n, 10000n), 4)).toBe('-0.0572');
    expect(ratioToDecimalString(ratio(10n ** 30n), 2)).toBe('1000000000000000000000000000000.00');
  });
});

describe('parseRatio', () => {
  it('reads decimal literals exactly', () => {
    expect(parseRatio('1')).toEqual(ONE_RATIO);
    expect(parseRatio('0.9998')).toEqual(ratio(9998n, 10000n));
    expect(parseRatio('-1.5e-6')).toEqual(ratio(-15n, 10_000_000n));
    expect(parseRatio('2.5E3')).toEqual(ratio(2500n));
    expect(parseRatio('.5')).toEqual(ratio(1n, 2n));
    expect(parseRatio(' 7. ')).toEqual(ratio(7n));
    expect(parseRatio('0.1')).not.toEqual(ratio(BigInt(Math.round(0.1 * 2 ** 60)), 2n ** 60n)); // not a float
  });

  it('rejects what is not a decimal number', () => {
    for (const bad of ['', '.', 'abc', '1,5', '1e', '--1', '0x10']) expect(() => parseRatio(bad)).toThrow(SyntaxError);
  });
});
