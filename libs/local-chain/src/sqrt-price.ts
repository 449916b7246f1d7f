/** Price ↔ sqrtPriceX96 ↔ tick for pool set-up and range choice; exact bigint where the chain needs it. */

export const MIN_TICK = -887272;
export const MAX_TICK = 887272;
const Q96 = 2n ** 96n;
const Q192 = Q96 * Q96;

export interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

/** A positive decimal ("0.0213", "2.5e-7", or a number) as an exact fraction. */
export function decimalToFraction(value: string | number): Fraction {
  const text = typeof value === 'number' ? value.toString() : value.trim();
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!match) throw new RangeError(`not a positive decimal: ${text}`);
  const [, whole, fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText) - fraction.length;
  const digits = BigInt(whole + fraction);
  if (digits === 0n) throw new RangeError(`price must be positive: ${text}`);
  return exponent >= 0 ? { numerator: digits * 10n ** BigInt(exponent), denominator: 1n } : { numerator: digits, denominator: 10n ** BigInt(-exponent) };
}

/** Floor of the square root of a non-negative bigint (Newton from above, so it only decreases). */
export function sqrtBigInt(value: bigint): bigint {
  if (value < 0n) throw new RangeError('square root of a negative number');
  if (value < 2n) return value;
  let x = 1n << BigInt(Math.ceil(value.toString(2).length / 2));
  for (;;) {
    const y = (x + value / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * sqrtPriceX96 for a human price "1 token0 = `price` token1", given both tokens' decimals:
 * floor(sqrt(price · 10^(decimals1 − decimals0)) · 2^96), as Uniswap's `encodeSqrtRatioX96`.
 */
export function priceToSqrtPriceX96(price: string | number, decimals0: number, decimals1: number): bigint {
  const { numerator, denominator } = decimalToFraction(price);
  const amount1 = numerator * 10n ** BigInt(decimals1);
  const amount0 = denominator * 10n ** BigInt(decimals0);
  return sqrtBigInt((amount1 * Q192) / amount0);
}

/** The human price "1 token0 = x token1" of a sqrtPriceX96 (float: for display and sizing, not for amounts). */
export function sqrtPriceX96ToPrice(sqrtPriceX96: bigint, decimals0: number, decimals1: number): number {
  const sqrt = Number(sqrtPriceX96) / 2 ** 96;
  return sqrt * sqrt * 10 ** (decimals0 - decimals1);
}

/** Tokens of a pool sorted as the contracts sort them (by address); `price` given as "1 a = price b". */
export function orderedPoolPrice<T extends { address: string }>(a: T, b: T, priceOfAInB: number): { token0: T; token1: T; price1Per0: number } {
  return BigInt(a.address) < BigInt(b.address) ? { token0: a, token1: b, price1Per0: priceOfAInB } : { token0: b, token1: a, price1Per0: 1 / priceOfAInB };
}

/** The tick whose price is at or below the human price (float, for choosing ranges). */
export function priceToTick(price1Per0: number, decimals0: number, decimals1: number): number {
  const raw = price1Per0 * 10 ** (decimals1 - decimals0);
  return Math.floor(Math.log(raw) / Math.log(1.0001));
}

export const TICK_SPACING: Readonly<Record<number, number>> = { 100: 1, 500: 10, 3000: 60, 10000: 200 };

export function tickSpacingOf(fee: number): number {
  const spacing = TICK_SPACING[fee];
  if (spacing === undefined) throw new RangeError(`no tick spacing for fee ${fee}`);
  return spacing;
}

/** The usable tick (multiple of the spacing, within bounds) nearest to `tick`. */
export function nearestUsableTick(tick: number, spacing: number): number {
  const rounded = Math.round(tick / spacing) * spacing;
  if (rounded < MIN_TICK) return rounded + spacing;
  if (rounded > MAX_TICK) return rounded - spacing;
  return rounded;
}

/** The widest range a pool of this spacing allows ("full range"). */
export function fullRange(spacing: number): { tickLower: number; tickUpper: number } {
  return { tickLower: Math.ceil(MIN_TICK / spacing) * spacing, tickUpper: Math.floor(MAX_TICK / spacing) * spacing };
}
