import { type Ratio, mulRatio, ratio } from './ratio';

/**
 * USD value of a raw token amount, exact: rawAmount / 10^decimals · usdPrice, where
 * usdPrice is the USD price of one whole token. Convert with ratioToNumber only when storing.
 */
export function amountToUsd(rawAmount: bigint, decimals: number, usdPrice: Ratio): Ratio {
  if (!Number.isInteger(decimals) || decimals < 0) throw new RangeError(`decimals must be a non-negative integer: ${decimals}`);
  return mulRatio(ratio(rawAmount, 10n ** BigInt(decimals)), usdPrice);
}
