const SIGNED_INTEGER = /^-?\d+$/;

/** The side of a swap that went into the pool (the pool logs it positive; the side paid out is negative). */
export interface SwapInput {
  side: 0 | 1;
  amountIn: bigint;
}

/**
 * The input side of a Swap from its logged signed amounts: gross volume counts only what
 * the trader paid in (the original summed both signed sides, i.e. net flow). A swap with
 * no strictly positive side, both sides positive, or non-integer amounts is malformed.
 */
export function swapInput(amount0: string | null, amount1: string | null): { ok: true; input: SwapInput } | { ok: false; reason: string } {
  if (!SIGNED_INTEGER.test(amount0 ?? '') || !SIGNED_INTEGER.test(amount1 ?? '')) {
    return { ok: false, reason: `amounts are not integers (amount0 ${amount0}, amount1 ${amount1})` };
  }
  const a0 = BigInt(amount0!);
  const a1 = BigInt(amount1!);
  if (a0 > 0n && a1 <= 0n) return { ok: true, input: { side: 0, amountIn: a0 } };
  if (a1 > 0n && a0 <= 0n) return { ok: true, input: { side: 1, amountIn: a1 } };
  return { ok: false, reason: `no single input side (amount0 ${amount0}, amount1 ${amount1})` };
}
