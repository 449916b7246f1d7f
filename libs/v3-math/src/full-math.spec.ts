import { FullMath } from '@uniswap/v3-sdk';
import fc from 'fast-check';
import JSBI from 'jsbi';
import { Q128, Q256, Q96, divRoundingUp, mulDiv, mulDivRoundingUp } from './full-math';
import { MAX_UINT256 } from './uint';

// A failing property reports within seconds instead of shrinking big bigints for minutes.
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true });

const toJsbi = (x: bigint) => JSBI.BigInt(x.toString());
const fromJsbi = (x: JSBI) => BigInt(x.toString());

describe('constants', () => {
  it('are the powers of two the pool uses', () => {
    expect(Q96).toBe(79228162514264337593543950336n);
    expect(Q128).toBe(340282366920938463463374607431768211456n);
    expect(Q256).toBe(MAX_UINT256 + 1n);
  });
});

describe('mulDiv', () => {
  // Cases from Uniswap's FullMath tests, re-derived: Q128 · 0.5 / 1.5 = Q128 / 3 (floor).
  it('keeps the full 512-bit product', () => {
    expect(mulDiv(Q128, (Q128 * 50n) / 100n, (Q128 * 150n) / 100n)).toBe(Q128 / 3n);
    expect(mulDiv(MAX_UINT256, MAX_UINT256, MAX_UINT256)).toBe(MAX_UINT256);
    // (2^256−1)·2^128 / 2^128 fits even though the product does not fit in 256 bits.
    expect(mulDiv(MAX_UINT256, Q128, Q128)).toBe(MAX_UINT256);
    expect(mulDiv(7n, 3n, 2n)).toBe(10n);
  });

  it('reverts like the contract on a zero denominator or a result above uint256', () => {
    expect(() => mulDiv(Q128, 5n, 0n)).toThrow(/zero/);
    expect(() => mulDiv(Q128, Q128, 1n)).toThrow(/overflow/);
    expect(() => mulDiv(-1n, 1n, 1n)).toThrow(RangeError);
    expect(() => mulDiv(Q256, 1n, 1n)).toThrow(RangeError);
  });
});

describe('mulDivRoundingUp', () => {
  it('rounds up only when there is a remainder', () => {
    expect(mulDivRoundingUp(7n, 3n, 2n)).toBe(11n);
    expect(mulDivRoundingUp(8n, 3n, 2n)).toBe(12n);
    expect(mulDivRoundingUp(Q128, (Q128 * 50n) / 100n, (Q128 * 150n) / 100n)).toBe(Q128 / 3n + 1n);
  });

  it('reverts when rounding up would pass uint256', () => {
    // 535006138814359 · 432862…969 = 2^257 − 1 = 2·MAX + 1: floor is MAX, remainder 1.
    const a = 535006138814359n;
    const b = 432862656469423142931042426214547535783388063929571229938474969n;
    expect(a * b).toBe(2n * MAX_UINT256 + 1n);
    expect(mulDiv(a, b, 2n)).toBe(MAX_UINT256);
    expect(() => mulDivRoundingUp(a, b, 2n)).toThrow(/overflow/);
  });

  it('matches the SDK on random uint256 inputs (seeded)', () => {
    // Widths vary so small, mixed and near-overflow magnitudes all occur.
    const uint = fc.integer({ min: 1, max: 256 }).chain((bits) => fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n }));
    fc.assert(
      fc.property(uint, uint, uint, (a, b, d) => {
        fc.pre(d > 0n && (a * b) / d < MAX_UINT256);
        expect(mulDivRoundingUp(a, b, d)).toBe(fromJsbi(FullMath.mulDivRoundingUp(toJsbi(a), toJsbi(b), toJsbi(d))));
        expect(mulDiv(a, b, d)).toBe((a * b) / d);
      }),
      { seed: 1001, numRuns: 500 },
    );
  });
});

describe('divRoundingUp', () => {
  it('is the ceiling of the quotient', () => {
    expect(divRoundingUp(10n, 5n)).toBe(2n);
    expect(divRoundingUp(11n, 5n)).toBe(3n);
    expect(divRoundingUp(0n, 5n)).toBe(0n);
  });
});
