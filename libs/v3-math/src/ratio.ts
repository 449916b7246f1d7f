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

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
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

export function addRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function subRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function mulRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.num, a.den * b.den);
}

/** a / b; throws when b is zero. */
export function divRatio(a: Ratio, b: Ratio): Ratio {
  if (b.num === 0n) throw new RangeError('divRatio: division by zero');
  return ratio(a.num * b.den, a.den * b.num);
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

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
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
export function ratioToNumber(r: Ratio): number {
  if (r.num === 0n) return 0;
  const negative = r.num < 0n;
  const a = negative ? -r.num : r.num;
  // Scale so the integer quotient has ≥ 65 bits: 53 for the double, the rest as guard bits.
  const shift = 66 - (bitLength(a) - bitLength(r.den));
  const numerator = shift >= 0 ? a << BigInt(shift) : a;
  const denominator = shift >= 0 ? r.den : r.den << BigInt(-shift);
  let quotient = numerator / denominator;
  // A sticky bit far below the rounding position: the remainder breaks a would-be tie upwards.
  if (numerator % denominator !== 0n) quotient |= 1n;
  const magnitude = timesPowerOfTwo(Number(quotient), -shift);
  return negative ? -magnitude : magnitude;
}

/**
 * Fixed-point decimal string with `fractionDigits` digits after the point, rounded half away
 * from zero (e.g. "-0.0572"); never "-0".
 */
export function ratioToDecimalString(r: Ratio, fractionDigits: number): string {
  if (!Number.isInteger(fractionDigits) || fractionDigits < 0) throw new RangeError(`fractionDigits must be a non-negative integer: ${fractionDigits}`);
  const negative = r.num < 0n;
  const scaled = (negative ? -r.num : r.num) * 10n ** BigInt(fractionDigits);
  let units = scaled / r.den;
  if (2n * (scaled % r.den) >= r.den) units += 1n;
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
