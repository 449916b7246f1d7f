import { dayEndsIn } from './day-ends';
import type { LedgerEntry } from './position-ledger';

/** A snapshot to compute for one position: after one of its events, or at a time (day end, as-of). */
export type SnapshotPlan = { kind: 'event'; entry: LedgerEntry } | { kind: 'day-end'; time: number } | { kind: 'as-of'; time: number };

/**
 * The snapshots a batch recomputes for a position whose full stored history is `entries`
 * (chain order): each touched event's own, and the day ends on both sides of it up to its
 * neighbours. The sides matter because events may be written in any order: whichever of
 * two neighbours comes last recomputes the days between them with both known, so the final
 * rows do not depend on the order. None after a BURN: a burned position has no day ends.
 */
export function planForEvents(entries: readonly LedgerEntry[], touched: ReadonlySet<string>): SnapshotPlan[] {
  const plans: SnapshotPlan[] = [];
  const days = new Set<number>();
  entries.forEach((entry, i) => {
    if (!touched.has(entry.event.id)) return;
    plans.push({ kind: 'event', entry });
    const prev = entries[i - 1];
    const next = entries[i + 1];
    if (prev && !prev.state.burned) for (const d of dayEndsIn(prev.event.timestamp, entry.event.timestamp)) days.add(d);
    if (next && !entry.state.burned) for (const d of dayEndsIn(entry.event.timestamp, next.event.timestamp)) days.add(d);
  });
  return [...plans, ...[...days].sort((a, b) => a - b).map((time): SnapshotPlan => ({ kind: 'day-end', time }))];
}

/**
 * The snapshots of the run's end (a marker at `asOf`): for a position open then (its
 * last event at or before asOf is not a BURN), every day end after that event up to asOf,
 * and the as-of snapshot itself. Events after asOf belong to a later run.
 */
export function planForAsOf(entries: readonly LedgerEntry[], asOf: number): SnapshotPlan[] {
  const known = entries.filter((x) => x.event.timestamp <= asOf);
  const last = known[known.length - 1];
  if (!last || last.state.burned) return [];
  return [...dayEndsIn(last.event.timestamp, asOf).map((time): SnapshotPlan => ({ kind: 'day-end', time })), { kind: 'as-of', time: asOf }];
}
