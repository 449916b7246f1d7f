import { MAX_UINT128, MAX_UINT256, assertUint, wrapUint128, wrapUint256 } from './uint';

describe('uint helpers', () => {
  it('wrap a negative difference the way an unchecked uint subtraction does', () => {
    // 3 − 5 in uint256 is 2^256 − 2.
    expect(wrapUint256(3n - 5n)).toBe(2n ** 256n - 2n);
    expect(wrapUint256(MAX_UINT256 + 1n)).toBe(0n);
    expect(wrapUint128(2n ** 128n + 7n)).toBe(7n);
    expect(wrapUint128(MAX_UINT128)).toBe(2n ** 128n - 1n);
  });

  it('refuse values a uintN cannot hold', () => {
    expect(() => assertUint(-1n, 128, 'x')).toThrow(/uint128/);
    expect(() => assertUint(2n ** 128n, 128, 'x')).toThrow(RangeError);
    expect(() => assertUint(2n ** 128n - 1n, 128, 'x')).not.toThrow();
  });
});
