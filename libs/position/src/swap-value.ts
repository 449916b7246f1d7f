import type { DecimalsLookup, PriceResult } from '@lib/pricing';
import { usdValueFraction } from '@lib/v3-math';
import { toUsdUnits, type UsdUnits } from './usd-amount';

/** Fee tiers are in hundredths of a basis point: 3000 = 0.3 %. */
export const FEE_DENOMINATOR = 1_000_000n;

/** One swap in USD: the input amount at its token's price as of the swap, and the LP fee on it. */
export interface SwapValue {
  volumeUsd: UsdUnits;
  feesUsd: UsdUnits;
}

/**
 * Values the input side of a swap. Fees = volume × fee tier / 1e6: the pool takes its fee
 * from the input amount, so this is what LPs earned on the swap. Both are rounded once,
 * from the exact product. No price or decimals → the reason, never a guess.
 */
export function valueSwap(
  amountIn: bigint,
  decimals: DecimalsLookup,
  price: PriceResult,
  feeTier: number,
): { ok: true; value: SwapValue } | { ok: false; reason: string } {
  if (!decimals.ok) return { ok: false, reason: decimals.reason };
  if (!price.ok) return { ok: false, reason: price.reason };
  if (!Number.isInteger(feeTier) || feeTier < 0) return { ok: false, reason: `fee tier ${feeTier} is not a non-negative integer` };
  const volume = usdValueFraction([{ amount: amountIn, decimals: decimals.decimals, price: price.usdPerToken }]);
  const fees = { num: volume.num * BigInt(feeTier), den: volume.den * FEE_DENOMINATOR };
  return { ok: true, value: { volumeUsd: toUsdUnits(volume), feesUsd: toUsdUnits(fees) } };
}
