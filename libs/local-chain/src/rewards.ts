import type { Address } from 'viem';
import type { DexId } from '@lib/chain';
import type { Rng } from './rng';

/**
 * Input data the enrichment needs besides the chain, produced with the scenario so tests have it:
 * rFLR allocations per position and month, and "PoolIncentive"-like programmes per pool.
 */

/** Start (epoch seconds, UTC) of the month containing `timestamp`. */
export function monthStart(timestamp: number): number {
  const d = new Date(timestamp * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
}

export function nextMonthStart(timestamp: number): number {
  const d = new Date(monthStart(timestamp) * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000;
}

/** USD·seconds per month start: how much value a position kept in a pool, month by month. */
export type MonthlyExposure = Map<number, number>;

/** Adds `valueUsd` held over [from, to) to the months it spans. */
export function accrueExposure(exposure: MonthlyExposure, valueUsd: number, from: number, to: number): void {
  if (!(valueUsd > 0) || to <= from) return;
  for (let t = from; t < to;) {
    const end = Math.min(to, nextMonthStart(t));
    const month = monthStart(t);
    exposure.set(month, (exposure.get(month) ?? 0) + valueUsd * (end - t));
    t = end;
  }
}

export interface RflrAllocation {
  dex: DexId;
  positionManager: Address;
  tokenId: string;
  /** UTC month start, epoch seconds, and as `YYYY-MM`. */
  monthStart: number;
  month: string;
  /** rFLR in base units (18 decimals), decimal string. */
  amount: string;
}

export interface PositionExposure {
  dex: DexId;
  positionManager: Address;
  tokenId: bigint;
  exposure: MonthlyExposure;
}

/**
 * rFLR per position and month, in proportion to USD-days of liquidity, at a per-DEX, per-month
 * rate around 0.03–0.15 rFLR per USD-day (an incentive APR of roughly 25–120% at $0.0213).
 */
export function allocateRflr(positions: readonly PositionExposure[], rng: Rng): RflrAllocation[] {
  const rates = new Map<string, number>();
  const rate = (dex: DexId, month: number) => {
    const key = `${dex}:${month}`;
    if (!rates.has(key)) rates.set(key, 0.03 + 0.12 * rng.next());
    return rates.get(key)!;
  };
  const months = [...new Set(positions.flatMap((p) => [...p.exposure.keys()]))].sort((a, b) => a - b);
  const out: RflrAllocation[] = [];
  for (const month of months) {
    for (const position of positions) {
      const usdSeconds = position.exposure.get(month);
      if (!usdSeconds) continue;
      const micro = BigInt(Math.floor((usdSeconds / 86_400) * rate(position.dex, month) * 1e6));
      if (micro === 0n) continue;
      out.push({
        dex: position.dex,
        positionManager: position.positionManager,
        tokenId: position.tokenId.toString(),
        monthStart: month,
        month: new Date(month * 1000).toISOString().slice(0, 7),
        amount: (micro * 10n ** 12n).toString(),
      });
    }
  }
  return out;
}

export interface PoolIncentive {
  poolAddress: Address;
  dex: DexId;
  rewardToken: Address;
  rewardTokenSymbol: string;
  /** Token units per day and USD per day, decimal strings (numeric(38,18) in the table). */
  rewardPerDay: string;
  rewardUsdPerDay: string;
  programName: string;
  /** ISO timestamps; `endDate` null while a programme runs. */
  startDate: string;
  endDate: string | null;
  isActive: boolean;
}

export interface IncentivePool {
  address: Address;
  dex: DexId;
  label: string;
  activity: number;
}

export interface RewardToken {
  address: Address;
  symbol: string;
  usdPrice: number;
}

const iso = (timestamp: number) => new Date(timestamp * 1000).toISOString();

/**
 * Incentive programmes over the chain's time span [start, end): on the busiest pools of each DEX
 * one programme running throughout, one that ended halfway and one that started halfway
 * (so APR as of a date must pick the programmes of that date).
 */
export function planIncentives(
  pools: readonly IncentivePool[],
  tokens: { enosys: RewardToken; sparkdex: RewardToken },
  start: number,
  end: number,
  rng: Rng,
): PoolIncentive[] {
  // Programmes start and end at UTC midnight, as the real ones are configured.
  const day = (t: number) => Math.floor(t / 86_400) * 86_400;
  const midpoint = day(start + (end - start) / 2);
  const out: PoolIncentive[] = [];
  for (const dex of ['enosys', 'sparkdex'] as const) {
    const busiest = pools
      .filter((p) => p.dex === dex)
      .sort((a, b) => b.activity - a.activity || a.address.localeCompare(b.address))
      .slice(0, 3);
    const token = tokens[dex];
    busiest.forEach((pool, i) => {
      const perDay = Math.round(token.symbol === 'rFLR' ? 20_000 + 80_000 * rng.next() : 2_000 + 8_000 * rng.next());
      const window = [
        { startDate: day(start) - 30 * 86_400, endDate: null },
        { startDate: day(start) - 10 * 86_400, endDate: midpoint },
        { startDate: midpoint, endDate: null },
      ][i];
      out.push({
        poolAddress: pool.address,
        dex,
        rewardToken: token.address,
        rewardTokenSymbol: token.symbol,
        rewardPerDay: `${perDay}.000000000000000000`,
        // Six decimals of a float product, padded to the column's 18 (no float noise in the data).
        rewardUsdPerDay: `${(perDay * token.usdPrice).toFixed(6)}000000000000`,
        programName: `${dex === 'enosys' ? 'Enosys' : 'SparkDEX'} ${token.symbol} ${pool.label}`,
        startDate: iso(window.startDate),
        endDate: window.endDate === null ? null : iso(window.endDate),
        isActive: window.endDate === null,
      });
    });
  }
  return out;
}
