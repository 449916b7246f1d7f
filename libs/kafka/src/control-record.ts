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
  /**
   * The partition count of the topic the marker was written to: a step recomputes only the
   * keys its producer maps to the marker's partition. Absent (older records): every key.
   */
  partitions?: number;
  /** A forwarded marker: the upstream step's input partition it follows. */
  origin?: number;
  /** A forwarded marker: how many upstream partitions each send one (the run ends here after all of them). */
  origins?: number;
}

const OPTIONAL_FIELDS = [
  ['partitions', 'lp-partitions'],
  ['origin', 'lp-origin'],
  ['origins', 'lp-origins'],
] as const;

export function endOfReplayHeaders(marker: Omit<EndOfReplayMarker, 'kind'>): IHeaders {
  const headers: IHeaders = { [CONTROL_HEADER]: END_OF_REPLAY, 'lp-run-id': marker.runId, 'lp-as-of': String(marker.asOf) };
  for (const [field, header] of OPTIONAL_FIELDS) if (marker[field] !== undefined) headers[header] = String(marker[field]);
  return headers;
}

/** A non-negative integer header, or undefined when absent or not one (old or foreign records). */
function headerCount(headers: IHeaders | undefined, name: string): number | undefined {
  const text = headerText(headers, name);
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  return Number(text);
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
  const marker: EndOfReplayMarker = { kind: END_OF_REPLAY, runId: headerText(headers, 'lp-run-id') ?? '', asOf: Number.isFinite(asOf) ? asOf : 0 };
  for (const [field, header] of OPTIONAL_FIELDS) {
    const n = headerCount(headers, header);
    if (n !== undefined) marker[field] = n;
  }
  return marker;
}

export { headerText };
