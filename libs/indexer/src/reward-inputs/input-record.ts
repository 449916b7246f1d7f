/**
 * Helpers to read one input record (a CSV line or a JSON object) into a row: each field
 * under its camelCase or snake_case name, checked, never defaulted silently. A bad field
 * throws `InputError`, which the importer reports with the record's position and skips.
 */
export class InputError extends Error {}

export type InputRecord = Readonly<Record<string, unknown>>;

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The field's value under `name` or its snake_case spelling; undefined when absent or empty. */
export function field(record: InputRecord, name: string): unknown {
  for (const key of [name, snakeCase(name)]) {
    const value = record[key];
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

export function requiredText(record: InputRecord, name: string): string {
  const value = field(record, name);
  if (typeof value !== 'string' && typeof value !== 'number') throw new InputError(`${name} is missing`);
  return String(value).trim();
}

export function optionalText(record: InputRecord, name: string): string | null {
  return field(record, name) === undefined ? null : requiredText(record, name);
}

export function address(record: InputRecord, name: string): string {
  const value = requiredText(record, name);
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) throw new InputError(`${name} "${value}" is not an address`);
  return value.toLowerCase();
}

/** A non-negative integer as a decimal string (JSON numbers above 2^53 are refused: they were already rounded). */
export function unsignedInteger(record: InputRecord, name: string): string {
  const value = field(record, name);
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new InputError(`${name} ${value} is not an exact integer: write it as a string`);
  const text = requiredText(record, name);
  if (!/^\d+$/.test(text)) throw new InputError(`${name} "${text}" is not a non-negative integer`);
  return BigInt(text).toString();
}

/** A decimal number as a string, exactly as written (PostgreSQL numeric keeps it). */
export function decimal(record: InputRecord, name: string): string {
  const value = field(record, name);
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : requiredText(record, name);
  if (!/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) throw new InputError(`${name} "${text}" is not a decimal number`);
  return text;
}

export function optionalBoolean(record: InputRecord, name: string): boolean | null {
  const value = field(record, name);
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new InputError(`${name} "${String(value)}" is not a boolean`);
}

/** A point in time: ISO-8601 text or epoch seconds. */
export function instant(record: InputRecord, name: string): Date {
  const value = field(record, name);
  if (value === undefined) throw new InputError(`${name} is missing`);
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(String(value).length === 10 ? `${String(value)}T00:00:00Z` : String(value));
  if (Number.isNaN(date.getTime())) throw new InputError(`${name} "${String(value)}" is not a date`);
  return date;
}

/** 'YYYY-MM-DD HH:MM:SS.mmm' in UTC, for `timestamp(3)` columns (which keep no zone). */
export function utcTimestampText(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
