/**
 * Checks of option values. Each throws a UsageError naming the option and the bad value,
 * so a command refuses its arguments before it does anything (exit code 2).
 */
export class UsageError extends Error {}

export interface IntegerRange {
  min?: number;
  max?: number;
}

/** A whole number in [min, max] (default: 0 and up). "" and "1.5" and "1e3" are refused. */
export function integer(option: string, raw: string, { min = 0, max = Number.MAX_SAFE_INTEGER }: IntegerRange = {}): number {
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`${option} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`;
    throw new UsageError(`${option} must be ${range}, got ${raw}`);
  }
  return n;
}

export function optionalInteger(option: string, raw: string | undefined, range?: IntegerRange): number | undefined {
  return raw === undefined ? undefined : integer(option, raw, range);
}

/** A number greater than 0 (fractions allowed, e.g. --days 0.5). */
export function positiveNumber(option: string, raw: string): number {
  const n = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${option} must be a number greater than 0, got "${raw}"`);
  return n;
}

export function port(option: string, raw: string): number {
  return integer(option, raw, { min: 1, max: 65_535 });
}

/** An http(s) URL, returned without a trailing slash. */
export function httpUrl(option: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${option} must be an http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${option} must be an http(s) URL, got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

/** Names given comma-separated and/or repeated (--step a,b --step c), each one of `known`, without duplicates. */
export function namesFrom(option: string, raw: readonly string[] | string | undefined, known: readonly string[]): string[] | undefined {
  if (raw === undefined) return undefined;
  const names = [
    ...new Set(
      (Array.isArray(raw) ? raw : [raw])
        .flatMap((r) => r.split(','))
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (names.length === 0) throw new UsageError(`${option} needs at least one name (known: ${known.join(', ')})`);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) throw new UsageError(`${option}: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`);
  return names;
}
