import { fractionToNumber, fractionToUnits } from './fraction';
import { gcd } from './gcd';

/**
 * An exact rational number on bigint. Prices and USD values are carried as Ratios so that
 * nothing is rounded until the very end (ratioToNumber / ratioToDecimalString).
 *
 * Always normalized: den > 0, gcd(|num|, den) = 1, zero is 0/1 — so two equal values have
 * equal fields and `===` on num and den is equality.
 */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

/** num/den, normalized. Throws on a zero denominator. */
export function ratio(num: bigint, den: bigint = 1n): Ratio {
  if (den === 0n) throw new RangeError('ratio: zero denominator');
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

export const ZERO_RATIO: Ratio = ratio(0n);
export const ONE_RATIO: Ratio = ratio(1n);

// The operations below take normalized operands (every Ratio is) and cancel common factors
// before multiplying (Knuth, TAOCP vol. 2, 4.5.1): the gcds run on the operands' sizes, not
// on the products', and the result is normalized without a final gcd of the products.

export function addRatio(a: Ratio, b: Ratio): Ratio {
  const g = gcd(a.den, b.den);
  if (g === 1n) return { num: a.num * b.den + b.num * a.den, den: a.den * b.den };
  const bDen = b.den / g;
  const t = a.num * bDen + b.num * (a.den / g);
  const g2 = gcd(t, g); // only factors of g can be common to t and the denominator
  return { num: t / g2, den: (a.den / g2) * bDen };
}

export function subRatio(a: Ratio, b: Ratio): Ratio {
  return addRatio(a, { num: -b.num, den: b.den });
}

export function mulRatio(a: Ratio, b: Ratio): Ratio {
  const g1 = gcd(a.num, b.den);
  const g2 = gcd(b.num, a.den);
  return { num: (a.num / g1) * (b.num / g2), den: (a.den / g2) * (b.den / g1) };
}

/** a / b; throws when b is zero. */
export function divRatio(a: Ratio, b: Ratio): Ratio {
  if (b.num === 0n) throw new RangeError('divRatio: division by zero');
  const inverse = b.num < 0n ? { num: -b.den, den: -b.num } : { num: b.den, den: b.num };
  return mulRatio(a, inverse);
}

export function isZeroRatio(r: Ratio): boolean {
  return r.num === 0n;
}

/** -1, 0 or 1 as a <, =, > b. */
export function compareRatio(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const lhs = a.num * b.den;
  const rhs = b.num * a.den;
  return lhs < rhs ? -1 : lhs > rhs ? 1 : 0;
}

/**
 * The nearest double (round half to even), not Number(num) / Number(den), which rounds
 * twice and overflows to Infinity/NaN once num or den pass ~1e308.
 */
export function ratioToNumber(r: Ratio): number {
  return fractionToNumber(r);
}

/**
 * Fixed-point decimal string with `fractionDigits` digits after the point, rounded half away
 * from zero (e.g. "-0.0572"); never "-0".
 */
export function ratioToDecimalString(r: Ratio, fractionDigits: number): string {
  if (!Number.isInteger(fractionDigits) || fractionDigits < 0) throw new RangeError(`fractionDigits must be a non-negative integer: ${fractionDigits}`);
  const negative = r.num < 0n;
  const units = negative ? -fractionToUnits(r, fractionDigits) : fractionToUnits(r, fractionDigits);
  const digits = units.toString().padStart(fractionDigits + 1, '0');
  const integerPart = digits.slice(0, digits.length - fractionDigits);
  const text = fractionDigits === 0 ? integerPart : `${integerPart}.${digits.slice(digits.length - fractionDigits)}`;
  return negative && units !== 0n ? `-${text}` : text;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Exact value of a decimal literal such as "1", "0.9998", "-1.5e-6" (for configured prices). */
export function parseRatio(text: string): Ratio {
  const match = DECIMAL.exec(text.trim());
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match ?? [];
  if (!match || whole.length + fraction.length === 0) throw new SyntaxError(`not a decimal number: "${text}"`);
  const digits = BigInt(`${whole}${fraction}` || '0');
  const power = Number(exponent) - fraction.length;
  const value = power >= 0 ? ratio(digits * 10n ** BigInt(power)) : ratio(digits, 10n ** BigInt(-power));
  return sign === '-' ? ratio(-value.num, value.den) : value;
}
