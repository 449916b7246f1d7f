import { MAX_UINT256, assertUint } from './uint';

/** Fixed-point scales used by the pool: Q64.96 sqrt prices, Q128.128 fee growth. */
export const Q96 = 1n << 96n;
export const Q128 = 1n << 128n;
export const Q192 = 1n << 192n;
export const Q256 = 1n << 256n;

/**
 * floor(a·b / denominator) with FullMath.sol's uint256 semantics: the 512-bit
 * intermediate is exact (bigint is unbounded), but the result must fit in uint256 and
 * the denominator must be non-zero, otherwise the contract reverts — so do we.
 */
export function mulDiv(a: bigint, b: bigint, denominator: bigint): bigint {
  assertUint(a, 256, 'a');
  assertUint(b, 256, 'b');
  assertUint(denominator, 256, 'denominator');
  if (denominator === 0n) throw new RangeError('mulDiv: denominator is zero');
  const result = (a * b) / denominator;
  if (result > MAX_UINT256) throw new RangeError('mulDiv: result overflows uint256');
  return result;
}

/** ceil(a·b / denominator), same reverts as FullMath.mulDivRoundingUp. */
export function mulDivRoundingUp(a: bigint, b: bigint, denominator: bigint): bigint {
  const result = mulDiv(a, b, denominator);
  if ((a * b) % denominator === 0n) return result;
  if (result >= MAX_UINT256) throw new RangeError('mulDivRoundingUp: result overflows uint256');
  return result + 1n;
}

/** ceil(x / y) for y > 0 (UnsafeMath.divRoundingUp). */
export function divRoundingUp(x: bigint, y: bigint): bigint {
  if (y === 0n) throw new RangeError('divRoundingUp: division by zero');
  return x / y + (x % y === 0n ? 0n : 1n);
}
