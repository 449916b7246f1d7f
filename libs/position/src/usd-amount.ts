import { fractionToUnits, ratio, type Fraction, type Ratio } from '@lib/v3-math';

/** Digits after the point of every stored USD amount (the numeric(48,18) columns). */
export const USD_DECIMALS = 18;
const SCALE = 10n ** BigInt(USD_DECIMALS);

/**
 * A USD amount in units of 1e-18 USD. Each swap's exact value is rounded once to this,
 * and aggregates add these integers: sums are exact, the same in any order, and a 24h
 * figure is exactly the sum of its hours.
 */
export type UsdUnits = bigint;

/** The exact value (a Ratio, or an unreduced Fraction) rounded half away from zero to 1e-18 USD. */
export function toUsdUnits(value: Fraction): UsdUnits {
  return fractionToUnits(value, USD_DECIMALS);
}

/** A numeric column's text ("12.5", "-0.000…1") as units; refuses more than 18 decimals rather than rounding silently. */
export function parseUsd(text: string): UsdUnits {
  const m = /^(-?)(\d+)(?:\.(\d{0,18}))?$/.exec(text.trim());
  if (!m) throw new SyntaxError(`not a USD amount with at most ${USD_DECIMALS} decimals: "${text}"`);
  const units = BigInt(m[2]) * SCALE + BigInt((m[3] ?? '').padEnd(USD_DECIMALS, '0') || '0');
  return m[1] === '-' ? -units : units;
}

/** Units as the decimal text written to a numeric column (always 18 decimals, so equal values have equal text). */
export function formatUsd(units: UsdUnits): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(USD_DECIMALS + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -USD_DECIMALS)}.${digits.slice(-USD_DECIMALS)}`;
}

/** Units as an exact Ratio of USD, for further exact arithmetic (APR). */
export function usdUnitsToRatio(units: UsdUnits): Ratio {
  return ratio(units, SCALE);
}
