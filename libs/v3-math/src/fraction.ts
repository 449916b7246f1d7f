import { bitLength } from './bits';

/**
 * A quotient of bigints that need not be in lowest terms (den ≠ 0, any sign). Sums and
 * products that are only ever rounded once (to a double column or to fixed decimals) are
 * built as Fractions: no gcd on the way — the rounding depends on the value alone, so the
 * result equals that of the normalized Ratio, at a fraction of the cost.
 */
export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

/** x · 2^exponent without overflowing the intermediate power of two. */
function timesPowerOfTwo(x: number, exponent: number): number {
  while (exponent > 1000) [x, exponent] = [x * 2 ** 1000, exponent - 1000];
  while (exponent < -1000) [x, exponent] = [x * 2 ** -1000, exponent + 1000];
  return x * 2 ** exponent;
}

/**
 * The nearest double (round half to even), not Number(num) / Number(den), which rounds
 * twice and overflows to Infinity/NaN once num or den pass ~1e308.
 */
export function fractionToNumber({ num, den }: Fraction): number {
  if (den === 0n) throw new RangeError('fraction: zero denominator');
  if (num === 0n) return 0;
  const negative = num < 0n !== den < 0n;
  const a = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  // Scale so the integer quotient has ≥ 65 bits: 53 for the double, the rest as guard bits.
  const shift = 66 - (bitLength(a) - bitLength(d));
  const numerator = shift >= 0 ? a << BigInt(shift) : a;
  const denominator = shift >= 0 ? d : d << BigInt(-shift);
  let quotient = numerator / denominator;
  // A sticky bit far below the rounding position: the remainder breaks a would-be tie upwards.
  if (numerator % denominator !== 0n) quotient |= 1n;
  const magnitude = timesPowerOfTwo(Number(quotient), -shift);
  return negative ? -magnitude : magnitude;
}

/** The value times 10^fractionDigits, rounded half away from zero: fixed-point units. */
export function fractionToUnits({ num, den }: Fraction, fractionDigits: number): bigint {
  if (!Number.isInteger(fractionDigits) || fractionDigits < 0) throw new RangeError(`fractionDigits must be a non-negative integer: ${fractionDigits}`);
  if (den === 0n) throw new RangeError('fraction: zero denominator');
  const negative = num < 0n !== den < 0n;
  const d = den < 0n ? -den : den;
  const scaled = (num < 0n ? -num : num) * 10n ** BigInt(fractionDigits);
  let units = scaled / d;
  if (2n * (scaled % d) >= d) units += 1n;
  return negative ? -units : units;
}
