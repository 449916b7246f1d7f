/** Seconds in a UTC day: epoch time has no leap seconds, so day k is [k·86400, (k+1)·86400). */
export const DAY_SECONDS = 86_400;

/**
 * The UTC day ends (the midnights that close a day, epoch seconds) in (after, upTo]. A day
 * end D belongs to the day before it: an event at exactly D is already the next day's, so
 * a position's state at D is the one after its last event strictly before D.
 */
export function dayEndsIn(after: number, upTo: number): number[] {
  const out: number[] = [];
  for (let d = (Math.floor(after / DAY_SECONDS) + 1) * DAY_SECONDS; d <= upTo; d += DAY_SECONDS) out.push(d);
  return out;
}
