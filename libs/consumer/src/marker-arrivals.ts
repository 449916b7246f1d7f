import type { EndOfReplayMarker } from '@lib/kafka';

/** One run's end-of-replay markers met in a batch: what the marker gate records and asks about. */
export interface RunArrival {
  /** The run's first marker in the batch: its as-of time and its topic's partition count. */
  marker: EndOfReplayMarker;
  /**
   * How many origins' markers end the run here; undefined when a marker of the run is
   * complete alone (written by the replay itself, or an older record without origins).
   */
  origins?: number;
  /** The origins met in this batch, distinct and ascending (out-of-range ones left out). */
  seen: number[];
}

/**
 * The batch's markers by run, first seen first. Step 1 forwards one marker per input
 * partition (origin) to every output partition, so a batch may hold several of a run.
 */
export function runArrivals(markers: readonly EndOfReplayMarker[]): RunArrival[] {
  const runs = new Map<string, { marker: EndOfReplayMarker; alone: boolean; origins: number; seen: Set<number> }>();
  for (const m of markers) {
    let run = runs.get(m.runId);
    if (!run) runs.set(m.runId, (run = { marker: m, alone: false, origins: 0, seen: new Set() }));
    if (m.origins === undefined || m.origin === undefined) {
      run.alone = true;
      continue;
    }
    run.origins = Math.max(run.origins, m.origins);
    if (m.origin < m.origins) run.seen.add(m.origin);
  }
  return [...runs.values()].map((r) => ({
    marker: r.marker,
    origins: r.alone ? undefined : r.origins,
    seen: r.alone ? [] : [...r.seen].sort((a, b) => a - b),
  }));
}

/** Whether a run has ended in a partition, given how many distinct origins have been recorded there. */
export function runEnded(origins: number | undefined, recorded: number): boolean {
  return origins === undefined || recorded >= origins;
}
