/**
 * Solidity unsigned-integer bounds and wrap-around, on bigint. The pool contracts are
 * Solidity 0.7 (no checked arithmetic), so some of their subtractions wrap mod 2^n on
 * purpose; these helpers make that explicit instead of leaving a negative bigint.
 */

export const MAX_UINT128 = (1n << 128n) - 1n;
export const MAX_UINT160 = (1n << 160n) - 1n;
export const MAX_UINT256 = (1n << 256n) - 1n;

/** x mod 2^256, always non-negative: what a uint256 holds after an unchecked operation. */
export function wrapUint256(x: bigint): bigint {
  return BigInt.asUintN(256, x);
}

/** x mod 2^128 — Solidity's `uint128(x)` downcast, which truncates silently. */
export function wrapUint128(x: bigint): bigint {
  return BigInt.asUintN(128, x);
}

/** Throws unless 0 ≤ x < 2^bits: a value the contract could not have held is a caller bug. */
export function assertUint(x: bigint, bits: number, name: string): void {
  if (x < 0n || x >= 1n << BigInt(bits)) {
    throw new RangeError(`${name} must be a uint${bits}, got ${x}`);
  }
}
