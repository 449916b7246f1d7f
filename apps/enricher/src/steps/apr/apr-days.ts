export const DAY_SECONDS = 86_400;

/** Epoch seconds of the UTC day start of a timestamp. */
export function dayOf(timestamp: number): number {
  return Math.floor(timestamp / DAY_SECONDS) * DAY_SECONDS;
}

/** 'YYYY-MM-DD' of a UTC day start (the `day` column). */
export const isoDay = (dayStart: number) => new Date(dayStart * 1000).toISOString().slice(0, 10);

/**
 * The days of one pool to recompute after events of `touched` days: each touched day and
 * the days after it without events of their own (their day-end balances are the touched
 * day's), up to the pool's next event day — whose own events recompute it — and no later
 * than `lastRowDay`, the pool's last computed day (later days are the end-of-replay fill's).
 */
export function daysToRecompute(touched: Iterable<number>, eventDays: ReadonlySet<number>, lastRowDay: number | null): number[] {
  const days = new Set<number>();
  for (const t of touched) {
    const first = dayOf(t);
    days.add(first);
    for (let d = first + DAY_SECONDS; lastRowDay !== null && d <= lastRowDay && !eventDays.has(d); d += DAY_SECONDS) days.add(d);
  }
  return [...days].sort((a, b) => a - b);
}

/** The days the end-of-replay fill computes for a pool: its first event day to the as-of day, those without a row yet. */
export function daysToFill(firstEventDay: number, asOf: number, computed: ReadonlySet<number>): number[] {
  const days: number[] = [];
  for (let d = dayOf(firstEventDay); d <= dayOf(asOf); d += DAY_SECONDS) if (!computed.has(d)) days.push(d);
  return days;
}
