import fc from 'fast-check';
import { gcd } from './gcd';

/** The textbook Euclid, the reference. */
function euclid(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const big = (bits: number) => fc.bigInt({ min: -(1n << BigInt(bits)), max: 1n << BigInt(bits) });

describe('gcd (Lehmer)', () => {
  it('agrees with Euclid on hand-picked cases', () => {
    const fib = [1n, 1n];
    while (fib.length < 600) fib.push(fib[fib.length - 1] + fib[fib.length - 2]); // Euclid's worst case: every quotient 1
    const cases: [bigint, bigint][] = [
      [0n, 0n],
      [0n, 5n],
      [5n, 0n],
      [-12n, 18n],
      [12n, -18n],
      [7n, 7n],
      [1n, 1n << 300n],
      [1n << 192n, 3n << 100n],
      [(1n << 53n) - 1n, 1n << 53n],
      [1n << 53n, 1n << 53n],
      [fib[599], fib[598]],
      [fib[400] * 97n, fib[399] * 97n],
      [(1n << 2000n) + 12345n, (1n << 1500n) * 3n], // beyond a double's range: the string path of bitLength
      [2n ** 192n * 10n ** 18n, 79228162514264337593543950336n ** 2n * 10n ** 6n],
    ];
    for (const [a, b] of cases) expect(gcd(a, b)).toBe(euclid(a, b));
  });

  it('agrees with Euclid on random numbers of every size, with and without a large common factor', () => {
    fc.assert(
      fc.property(big(600), big(600), (a, b) => gcd(a, b) === euclid(a, b)),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(big(300), big(300), big(200), (a, b, c) => gcd(a * c, b * c) === euclid(a * c, b * c)),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 60n }), big(400), (a, b) => gcd(a, b) === euclid(a, b)),
      { numRuns: 2000 },
    );
  });
});
