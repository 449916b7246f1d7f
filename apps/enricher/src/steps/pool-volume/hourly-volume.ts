import type { UsdUnits } from '@lib/position';

export const HOUR_SECONDS = 3600;
/** The rolling window: an hour's 24h figures cover it and the 23 hours before it. */
export const WINDOW_HOURS = 24;

/** What the aggregation needs of one valued swap (a `swap_volume` row). */
export interface SwapFact {
  /** Epoch seconds of the UTC hour the swap's block is in. */
  hourStart: number;
  volumeUsd: UsdUnits;
  feesUsd: UsdUnits;
}

/** A `pool_volume_hourly` row before formatting: the hour's own figures and its rolling 24h ones. */
export interface HourlyVolume {
  hourStart: number;
  volumeUsd: UsdUnits;
  volume24hUsd: UsdUnits;
  feesUsd: UsdUnits;
  fees24hUsd: UsdUnits;
  swaps: number;
  swaps24h: number;
}

export function hourOf(timestamp: number): number {
  return Math.floor(timestamp / HOUR_SECONDS) * HOUR_SECONDS;
}

/**
 * The hours whose figures change when swaps of `touched` hours are added: each touched
 * hour and the 23 after it (their windows include it). Ascending, without repeats.
 */
export function hoursAffectedBy(touched: Iterable<number>): number[] {
  const hours = new Set<number>();
  for (const h of touched) for (let k = 0; k < WINDOW_HOURS; k++) hours.add(hourOf(h) + k * HOUR_SECONDS);
  return [...hours].sort((a, b) => a - b);
}

/** The hours of swap facts needed to recompute `hours` (ascending): their windows' union, [first − 23h, last]. */
export function factRange(hours: readonly number[]): { fromHour: number; toHour: number } {
  return { fromHour: hours[0] - (WINDOW_HOURS - 1) * HOUR_SECONDS, toHour: hours[hours.length - 1] };
}

/**
 * Recomputes the figures of `hours` from the swap facts (recomputed, never incremented, so a
 * replayed batch gives the same rows). `facts` must hold every valued swap of the pool in
 * `factRange(hours)`; others are ignored. An hour without swaps of its own still gets a row
 * (zero own figures) when its window has some.
 */
export function hourlyVolumes(facts: readonly SwapFact[], hours: readonly number[]): HourlyVolume[] {
  const own = new Map<number, { volume: UsdUnits; fees: UsdUnits; swaps: number }>();
  for (const f of facts) {
    const h = own.get(f.hourStart) ?? { volume: 0n, fees: 0n, swaps: 0 };
    own.set(f.hourStart, { volume: h.volume + f.volumeUsd, fees: h.fees + f.feesUsd, swaps: h.swaps + 1 });
  }
  const empty = { volume: 0n, fees: 0n, swaps: 0 };
  return hours.map((hourStart) => {
    const row: HourlyVolume = { hourStart, volumeUsd: 0n, volume24hUsd: 0n, feesUsd: 0n, fees24hUsd: 0n, swaps: 0, swaps24h: 0 };
    const self = own.get(hourStart) ?? empty;
    row.volumeUsd = self.volume;
    row.feesUsd = self.fees;
    row.swaps = self.swaps;
    for (let k = 0; k < WINDOW_HOURS; k++) {
      const h = own.get(hourStart - k * HOUR_SECONDS) ?? empty;
      row.volume24hUsd += h.volume;
      row.fees24hUsd += h.fees;
      row.swaps24h += h.swaps;
    }
    return row;
  });
}
