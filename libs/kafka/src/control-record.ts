import type { IHeaders } from 'kafkajs';

/**
 * Control records travel in-band with data so they keep partition order: an
 * end-of-replay marker reaches a step after every record of that partition written
 * before it. They carry no value; their meaning is in the headers.
 */
export const CONTROL_HEADER = 'lp-control';
export const END_OF_REPLAY = 'end-of-replay';

export interface EndOfReplayMarker {
  kind: typeof END_OF_REPLAY;
  runId: string;
  /** The run's as-of time (epoch seconds): time-based steps finish as of it. */
  asOf: number;
}

export function endOfReplayHeaders(marker: Omit<EndOfReplayMarker, 'kind'>): IHeaders {
  return { [CONTROL_HEADER]: END_OF_REPLAY, 'lp-run-id': marker.runId, 'lp-as-of': String(marker.asOf) };
}

function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const v = headers?.[name];
  if (v === undefined) return undefined;
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : first.toString();
}

/** The marker a record carries, or undefined for an ordinary data record. */
export function readControlRecord(headers: IHeaders | undefined): EndOfReplayMarker | undefined {
  if (headerText(headers, CONTROL_HEADER) !== END_OF_REPLAY) return undefined;
  const asOf = Number(headerText(headers, 'lp-as-of'));
  return { kind: END_OF_REPLAY, runId: headerText(headers, 'lp-run-id') ?? '', asOf: Number.isFinite(asOf) ? asOf : 0 };
}

/**
 * One marker per (run, as-of), first seen first: step 1 forwards each input partition's
 * marker to every output partition, so a batch can hold the same marker several times, and
 * a step's work for it (every position as of the run's end) needs doing once.
 */
export function distinctMarkers(markers: readonly EndOfReplayMarker[]): EndOfReplayMarker[] {
  const seen = new Map<string, EndOfReplayMarker>();
  for (const m of markers) if (!seen.has(`${m.runId}@${m.asOf}`)) seen.set(`${m.runId}@${m.asOf}`, m);
  return [...seen.values()];
}

export { headerText };
