/** Bits of a non-negative bigint (0 for 0); from its double when that is finite (cheap), else from its binary digits. */
export function bitLength(x: bigint): number {
  if (x === 0n) return 0;
  const approx = Number(x);
  if (approx === Infinity) return x.toString(2).length;
  // log2 of a double may round across a power of two: check against the bigint itself.
  let bits = Math.floor(Math.log2(approx)) + 1;
  if (x >> BigInt(bits) !== 0n) bits++;
  else if (bits > 1 && x >> BigInt(bits - 1) === 0n) bits--;
  return bits;
}
