import type { DecimalsLookup, PriceResult } from '@lib/pricing';
import { fractionToNumber, ratioToNumber, usdValueFraction, type Ratio } from '@lib/v3-math';
import type { CollectSplit } from '@lib/position';

/** A token of the collect as pricing sees it at the event: its decimals and its USD price. */
export interface PricedToken {
  decimals: DecimalsLookup;
  price: PriceResult;
}

/** The USD side of one COLLECT: exact until here, numbers only for the double columns. */
export interface CollectValue {
  price0Usd: number;
  price1Usd: number;
  usdValue: number;
  feeUsdValue: number;
  /** The pools each price went through, e.g. "0xpool>0xwflrpool|usd" (token0|token1; "usd": a stablecoin). */
  priceVia: string;
}

/**
 * USD value of everything collected and of its fee part, at the prices as of the event; or
 * why there is none (a token without a price or decimals — never priced as $1 or 18 decimals).
 */
export function valueCollect(split: CollectSplit, token0: PricedToken, token1: PricedToken): { ok: true; value: CollectValue } | { ok: false; reason: string } {
  for (const [name, t] of [
    ['token0', token0],
    ['token1', token1],
  ] as const) {
    if (!t.decimals.ok) return { ok: false, reason: `${name}: ${t.decimals.reason}` };
    if (!t.price.ok) return { ok: false, reason: `${name}: ${t.price.reason}` };
  }
  // Narrowed above; TypeScript does not carry it through the loop.
  const d0 = (token0.decimals as { decimals: number }).decimals;
  const d1 = (token1.decimals as { decimals: number }).decimals;
  const p0 = token0.price as { usdPerToken: Ratio; via: string[] };
  const p1 = token1.price as { usdPerToken: Ratio; via: string[] };
  const usd = (a0: bigint, a1: bigint) =>
    usdValueFraction([
      { amount: a0, decimals: d0, price: p0.usdPerToken },
      { amount: a1, decimals: d1, price: p1.usdPerToken },
    ]);
  return {
    ok: true,
    value: {
      price0Usd: ratioToNumber(p0.usdPerToken),
      price1Usd: ratioToNumber(p1.usdPerToken),
      usdValue: fractionToNumber(usd(split.collected0, split.collected1)),
      feeUsdValue: fractionToNumber(usd(split.fee0, split.fee1)),
      priceVia: [p0.via, p1.via].map((via) => (via.length === 0 ? 'usd' : via.join('>'))).join('|'),
    },
  };
}
