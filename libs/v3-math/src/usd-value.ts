import type { Fraction } from './fraction';
import { type Ratio, mulRatio, ratio } from './ratio';

/**
 * USD value of a raw token amount, exact: rawAmount / 10^decimals · usdPrice, where
 * usdPrice is the USD price of one whole token. Convert with ratioToNumber only when storing.
 */
export function amountToUsd(rawAmount: bigint, decimals: number, usdPrice: Ratio): Ratio {
  if (!Number.isInteger(decimals) || decimals < 0) throw new RangeError(`decimals must be a non-negative integer: ${decimals}`);
  return mulRatio(ratio(rawAmount, 10n ** BigInt(decimals)), usdPrice);
}

/** One term of a USD sum: a raw amount of a token with `decimals`, at `price` USD per whole token. */
export interface UsdTerm {
  amount: bigint;
  decimals: number;
  price: Ratio;
}

/**
 * Σ amount·price / 10^decimals over the terms, exactly, as an unreduced Fraction over the
 * common denominator Π 10^decimals·price.den (terms with the same decimals and prices give
 * the same denominator): for values that are rounded once, where amountToUsd's gcds are waste.
 */
export function usdValueFraction(terms: readonly UsdTerm[]): Fraction {
  const dens = terms.map((t) => {
    if (!Number.isInteger(t.decimals) || t.decimals < 0) throw new RangeError(`decimals must be a non-negative integer: ${t.decimals}`);
    return 10n ** BigInt(t.decimals) * t.price.den;
  });
  let num = 0n;
  terms.forEach((t, i) => {
    let term = t.amount * t.price.num;
    dens.forEach((d, j) => {
      if (j !== i) term *= d;
    });
    num += term;
  });
  return { num, den: dens.reduce((a, b) => a * b, 1n) };
}
