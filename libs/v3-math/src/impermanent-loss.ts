import { type Ratio, addRatio, divRatio, isZeroRatio, subRatio } from './ratio';
import { fractionToNumber } from './fraction';
import { amountToUsd, usdValueFraction } from './usd-value';

export interface ImpermanentLossParams {
  /** The position's principal now (raw units, fees excluded), e.g. from amountsForLiquidity. */
  amount0: bigint;
  amount1: bigint;
  /**
   * Net deposits per token (raw units): principal deposited minus principal withdrawn.
   * May be negative for one token: a position converted across its range can pay out
   * more of a token than was put in.
   */
  netDeposited0: bigint;
  netDeposited1: bigint;
  decimals0: number;
  decimals1: number;
  /** USD price of one whole token0 / token1, at the same instant as amount0/amount1. */
  price0Usd: Ratio;
  price1Usd: Ratio;
}

export interface ImpermanentLoss {
  /** USD value of the position's principal now. */
  valuePosition: Ratio;
  /** USD value, at the same prices, of having simply held the net deposits. */
  valueHodl: Ratio;
  /** valuePosition − valueHodl: negative is a loss against holding, positive a gain. */
  ilUsd: Ratio;
  /**
   * ilUsd / valueHodl as a fraction (−0.0572 means −5.72 %), same sign convention;
   * null when valueHodl is zero (nothing to compare against).
   */
  ilPct: Ratio | null;
}

/**
 * Impermanent loss of a position's principal versus holding its net deposits, both valued
 * at the current prices, so the price move itself cancels and only the AMM's rebalancing
 * remains. Fees are deliberately not part of it (they are reported separately).
 */
export function impermanentLoss(p: ImpermanentLossParams): ImpermanentLoss {
  const valuePosition = addRatio(amountToUsd(p.amount0, p.decimals0, p.price0Usd), amountToUsd(p.amount1, p.decimals1, p.price1Usd));
  const valueHodl = addRatio(amountToUsd(p.netDeposited0, p.decimals0, p.price0Usd), amountToUsd(p.netDeposited1, p.decimals1, p.price1Usd));
  const ilUsd = subRatio(valuePosition, valueHodl);
  return { valuePosition, valueHodl, ilUsd, ilPct: isZeroRatio(valueHodl) ? null : divRatio(ilUsd, valueHodl) };
}

/** impermanentLoss's figures as the nearest doubles, each rounded once from the exact value. */
export interface ImpermanentLossNumbers {
  valuePosition: number;
  valueHodl: number;
  ilUsd: number;
  ilPct: number | null;
}

/**
 * The same figures as `impermanentLoss`, rounded to doubles, without reducing fractions on
 * the way: both values share one denominator, so the loss and its share are exact
 * differences and quotients of two numerators.
 */
export function impermanentLossNumbers(p: ImpermanentLossParams): ImpermanentLossNumbers {
  const valueOf = (a0: bigint, a1: bigint) =>
    usdValueFraction([
      { amount: a0, decimals: p.decimals0, price: p.price0Usd },
      { amount: a1, decimals: p.decimals1, price: p.price1Usd },
    ]);
  const position = valueOf(p.amount0, p.amount1);
  const hodl = valueOf(p.netDeposited0, p.netDeposited1);
  const loss = position.num - hodl.num; // over the shared denominator
  return {
    valuePosition: fractionToNumber(position),
    valueHodl: fractionToNumber(hodl),
    ilUsd: fractionToNumber({ num: loss, den: hodl.den }),
    ilPct: hodl.num === 0n ? null : fractionToNumber({ num: loss, den: hodl.num }),
  };
}
