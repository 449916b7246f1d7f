/**
 * Greatest common divisor of two bigints (non-negative result). Common powers of two go by
 * bit counts; the rest by Lehmer's algorithm (Knuth, TAOCP vol. 2, 4.5.2, Algorithm L): the
 * Euclidean quotients are found from the leading 48 bits in doubles and several steps are
 * applied to the bigints at once. Plain Euclid spends one bigint division per quotient; on
 * the 200–400-bit numerators and denominators of prices that was most of a pricing step's CPU.
 */

import { bitLength } from './bits';

/** Leading bits the inner loop works on: every intermediate stays well below 2^53 (exact in a double). */
const DIGIT_BITS = 48;
/** Below this, both numbers fit a double exactly and the rest runs on numbers. */
const EXACT_IN_DOUBLE = 1n << 53n;

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a === 0n) return b;
  if (b === 0n) return a;
  // Powers of two first, by bit counts: denominators here are mostly 2^k·10^d, whose odd part is small.
  const zerosA = trailingZeros(a);
  const zerosB = trailingZeros(b);
  return oddGcd(a >> BigInt(zerosA), b >> BigInt(zerosB)) << BigInt(Math.min(zerosA, zerosB));
}

/** gcd of two positive bigints (odd here, but any work). */
function oddGcd(a: bigint, b: bigint): bigint {
  if (a < b) [a, b] = [b, a];
  while (b >= EXACT_IN_DOUBLE) {
    const shift = BigInt(bitLength(a) - DIGIT_BITS);
    let x = Number(a >> shift);
    let y = Number(b >> shift);
    // [[A, B], [C, D]]: the product of the quotient steps taken so far (determinant ±1).
    let A = 1;
    let B = 0;
    let C = 0;
    let D = 1;
    for (;;) {
      if (y + C === 0 || y + D === 0) break;
      const q = floorDiv(x + A, y + C);
      // Both ends of the leading digits' uncertainty give the same quotient: it is the true one.
      if (q !== floorDiv(x + B, y + D)) break;
      [A, C] = [C, A - q * C];
      [B, D] = [D, B - q * D];
      [x, y] = [y, x - q * y];
    }
    if (B === 0) {
      [a, b] = [b, a % b]; // no quotient was certain: one plain step
    } else {
      const nextA = BigInt(A) * a + BigInt(B) * b;
      const nextB = BigInt(C) * a + BigInt(D) * b;
      // Non-negative by the algorithm; abs keeps the gcd even so (the matrix is unimodular).
      a = nextA < 0n ? -nextA : nextA;
      b = nextB < 0n ? -nextB : nextB;
      if (a < b) [a, b] = [b, a];
    }
  }
  if (b === 0n) return a;
  let x = Number(b);
  let y = Number(a % b);
  while (y !== 0) [x, y] = [y, x % y];
  return BigInt(x);
}

/** ⌊n / d⌋ for non-negative integers below 2^53, exact (a double division can round up to the next integer). */
function floorDiv(n: number, d: number): number {
  let q = Math.floor(n / d);
  if (q * d > n) q--;
  else if ((q + 1) * d <= n) q++;
  return q;
}

/** How many times 2 divides a positive bigint. */
function trailingZeros(x: bigint): number {
  return bitLength(x & -x) - 1;
}
