import type { DecimalsLookup, PriceResult } from '@lib/pricing';
import { addRatio, amountToUsd, divRatio, isZeroRatio, mulRatio, ratio, ratioToNumber, type Ratio } from '@lib/v3-math';
import { type UsdUnits, usdUnitsToRatio } from '@lib/position';
import { RFLR_DECIMALS } from './rflr-daily';

export const DAYS_PER_YEAR = 365n;

/** A token of the pool at the day's end: what the pool holds and what it is worth. */
export interface HeldToken {
  balance: bigint;
  decimals: DecimalsLookup;
  price: PriceResult;
}

/** Everything one (pool, day) APR depends on. */
export interface AprInputs {
  token0: HeldToken;
  token1: HeldToken;
  /** LP fees of the day's swaps. */
  feesUsd: UsdUnits;
  /** "PoolIncentive" USD paid that day; null: unknown (a programme running that day has no USD value), with the reason. */
  incentiveUsdPerDay: Ratio | null;
  incentiveReason?: string;
  /** rFLR (raw) the pool's positions earn that day, and its USD price (that of WFLR). */
  rflrRawPerDay: Ratio;
  rflrPrice: PriceResult;
}

/** The computed figures: exact where stored as numeric, numbers where stored as double. */
export interface AprFigures {
  price0Usd: number | null;
  price1Usd: number | null;
  tvlUsd: Ratio | null;
  rflrUsdPerDay: Ratio | null;
  feeApr: number | null;
  incentiveApr: number | null;
  rflrApr: number | null;
  totalApr: number | null;
  reason: string | null;
}

const annualised = (usdPerDay: Ratio, tvl: Ratio) => ratioToNumber(divRatio(mulRatio(usdPerDay, ratio(DAYS_PER_YEAR)), tvl));

/**
 * APR of one pool-day: fee APR = the day's fees / TVL × 365; incentive APR = (programme USD
 * of the day + rFLR of the day in USD) / TVL × 365, rflr APR being the rFLR part of it; total
 * = fee + incentive. TVL = both balances at the day's end price. No price for a held token,
 * or no TVL → no APR (NULLs) with the reason, never a division by zero.
 */
export function poolApr(x: AprInputs): AprFigures {
  const none: AprFigures = {
    price0Usd: null,
    price1Usd: null,
    tvlUsd: null,
    rflrUsdPerDay: null,
    feeApr: null,
    incentiveApr: null,
    rflrApr: null,
    totalApr: null,
    reason: null,
  };
  const values: Ratio[] = [];
  const prices: (number | null)[] = [];
  for (const [name, t] of [
    ['token0', x.token0],
    ['token1', x.token1],
  ] as const) {
    if (t.balance < 0n) return { ...none, reason: `${name} balance is negative (${t.balance}): the pool's events are incomplete` };
    prices.push(t.price.ok ? ratioToNumber(t.price.usdPerToken) : null);
    if (t.balance === 0n) continue; // nothing held: its price does not matter
    if (!t.decimals.ok) return { ...none, price0Usd: prices[0], reason: `no TVL: ${name}: ${t.decimals.reason}` };
    if (!t.price.ok) return { ...none, price0Usd: prices[0], reason: `no TVL: ${name}: ${t.price.reason}` };
    values.push(amountToUsd(t.balance, t.decimals.decimals, t.price.usdPerToken));
  }
  const tvl = values.reduce(addRatio, ratio(0n));
  const base = { ...none, price0Usd: prices[0], price1Usd: prices[1], tvlUsd: tvl };
  let rflrUsd: Ratio | null = ratio(0n);
  if (!isZeroRatio(x.rflrRawPerDay)) rflrUsd = x.rflrPrice.ok ? amountToUsd(1n, RFLR_DECIMALS, mulRatio(x.rflrRawPerDay, x.rflrPrice.usdPerToken)) : null;
  if (isZeroRatio(tvl)) return { ...base, rflrUsdPerDay: rflrUsd, reason: 'no TVL: the pool holds nothing of value at the day end' };

  const feeApr = annualised(usdUnitsToRatio(x.feesUsd), tvl);
  if (rflrUsd === null) {
    return { ...base, feeApr, reason: `no rFLR APR: ${(x.rflrPrice as { reason: string }).reason}` };
  }
  if (x.incentiveUsdPerDay === null) {
    return {
      ...base,
      rflrUsdPerDay: rflrUsd,
      feeApr,
      rflrApr: annualised(rflrUsd, tvl),
      reason: `no incentive APR: ${x.incentiveReason ?? 'incentive USD unknown'}`,
    };
  }
  const incentiveUsd = addRatio(x.incentiveUsdPerDay, rflrUsd);
  const incentiveApr = annualised(incentiveUsd, tvl);
  return {
    ...base,
    rflrUsdPerDay: rflrUsd,
    feeApr,
    incentiveApr,
    rflrApr: annualised(rflrUsd, tvl),
    totalApr: annualised(addRatio(usdUnitsToRatio(x.feesUsd), incentiveUsd), tvl),
    reason: null,
  };
}
