import { BadRequestException } from '@nestjs/common';

/** Page size of the read API when `?limit=` is absent, and the largest it accepts. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const DECIMAL = /^(0|[1-9][0-9]*)$/;
/** A PostgreSQL `integer` column (block numbers, log indexes, times) holds at most this. */
const MAX_INT4 = 2_147_483_647;
/** The lowest `integer`: the keyset position before every row. */
export const MIN_INT4 = -2_147_483_648;

/** `value` as a lowercase address; 400 naming `what` unless it is 0x + 40 hex digits. */
export function parseAddress(value: string | undefined, what: string): string {
  if (typeof value !== 'string' || !ADDRESS.test(value)) throw new BadRequestException(`${what} must be an address: 0x followed by 40 hex digits`);
  return value.toLowerCase();
}

/** A token id as stored (decimal text, no leading zeros); 400 unless it is a non-negative decimal integer below 2^256. */
export function parseTokenId(value: string | undefined): string {
  const v = typeof value === 'string' ? value.replace(/^0+(?=\d)/, '') : value;
  if (typeof v !== 'string' || !DECIMAL.test(v) || BigInt(v) >= 1n << 256n) throw new BadRequestException('tokenId must be a decimal integer (0 to 2^256 - 1)');
  return v;
}

/** `?limit=`: DEFAULT_LIMIT when absent; 400 unless a whole number from 1 to MAX_LIMIT. */
export function parseLimit(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_LIMIT;
  if (typeof value !== 'string' || !/^[0-9]{1,7}$/.test(value) || Number(value) < 1 || Number(value) > MAX_LIMIT)
    throw new BadRequestException(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
  return Number(value);
}

/** A cursor part as a PostgreSQL `integer`; negatives too (day-end snapshots have log index -1). */
function int4(part: string): number | undefined {
  if (!/^(0|-?[1-9][0-9]{0,9})$/.test(part)) return undefined;
  const n = Number(part);
  return n <= MAX_INT4 && n >= MIN_INT4 ? n : undefined;
}

/** Keyset position of an event: the last (block_number, log_index) of the previous page. */
export interface EventCursor {
  blockNumber: number;
  logIndex: number;
}

export const formatEventCursor = (c: EventCursor): string => `${c.blockNumber}:${c.logIndex}`;

/** `?after=` of an events page, `<block>:<logIndex>`; undefined when absent, 400 when malformed. */
export function parseEventCursor(value: string | undefined, name = 'after'): EventCursor | undefined {
  if (value === undefined || value === '') return undefined;
  const parts = typeof value === 'string' ? value.split(':') : [];
  const [blockNumber, logIndex] = parts.map(int4);
  if (parts.length !== 2 || blockNumber === undefined || logIndex === undefined)
    throw new BadRequestException(`${name} must be a cursor <blockNumber>:<logIndex> (the "next" of the previous page)`);
  return { blockNumber, logIndex };
}

/** Keyset position of a snapshot: its primary key after the position, in the timeline's order. */
export interface SnapshotCursor {
  snapshotTime: number;
  blockNumber: number;
  logIndex: number;
  kind: string;
}

const SNAPSHOT_KINDS = ['as-of', 'day-end', 'event'];

export const formatSnapshotCursor = (c: SnapshotCursor): string => `${c.snapshotTime}:${c.blockNumber}:${c.logIndex}:${c.kind}`;

/** `?after=` of a timeline page, `<time>:<block>:<logIndex>:<kind>`; undefined when absent, 400 when malformed. */
export function parseSnapshotCursor(value: string | undefined, name = 'after'): SnapshotCursor | undefined {
  if (value === undefined || value === '') return undefined;
  const parts = typeof value === 'string' ? value.split(':') : [];
  const [snapshotTime, blockNumber, logIndex] = parts.slice(0, 3).map(int4);
  if (parts.length !== 4 || snapshotTime === undefined || blockNumber === undefined || logIndex === undefined || !SNAPSHOT_KINDS.includes(parts[3]))
    throw new BadRequestException(`${name} must be a cursor <snapshotTime>:<blockNumber>:<logIndex>:<kind> (the "next" of the previous page)`);
  return { snapshotTime, blockNumber, logIndex, kind: parts[3] };
}

/** `?hoursAfter=`: an hour start in epoch seconds (a whole hour); undefined when absent, 400 when malformed. */
export function parseHourCursor(value: string | undefined, name = 'hoursAfter'): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'string' && /^[0-9]{1,12}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n % 3600 !== 0 || n > 253_402_300_799)
    throw new BadRequestException(`${name} must be a cursor: an hour start in epoch seconds (the "next" of the previous page)`);
  return n;
}

/** `?daysAfter=`: a UTC day `YYYY-MM-DD` that exists; undefined when absent, 400 when malformed. */
export function parseDayCursor(value: string | undefined, name = 'daysAfter'): string | undefined {
  if (value === undefined || value === '') return undefined;
  const date = typeof value === 'string' && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
  const ok = date !== undefined && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  if (!ok) throw new BadRequestException(`${name} must be a cursor: a day YYYY-MM-DD (the "next" of the previous page)`);
  return value;
}

/**
 * A page from `limit + 1` rows read in key order: the first `limit`, and the cursor of the
 * last of them when there was one more (null on the last page).
 */
export function page<T>(rows: T[], limit: number, cursorOf: (row: T) => string): { items: T[]; next: string | null } {
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? cursorOf(items[items.length - 1]) : null };
}
