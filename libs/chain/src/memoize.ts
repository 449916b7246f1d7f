import { recordCacheLookup } from './cache-lookups';

/**
 * A bounded cache for answers that never change (receipts, a pool's tokens, decimals, state at
 * a past block): keyed by string, least recently used entry evicted first. Promises are stored,
 * so concurrent callers share one request; a rejected promise is dropped so the next call retries.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // Map keeps insertion order: re-inserting marks the entry most recently used.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

export interface Memoized<A extends unknown[], R> {
  (...args: A): Promise<R>;
  readonly cache: BoundedCache<Promise<R>>;
}

/** Wraps an async function whose answer for a key never changes. */
export function memoize<A extends unknown[], R>(
  load: (...args: A) => Promise<R>,
  key: (...args: A) => string,
  /** `name`: reported with each lookup's hit or miss (cache-lookups.ts); unnamed caches are not reported. */
  options: { maxEntries?: number; name?: string } = {},
): Memoized<A, R> {
  const cache = new BoundedCache<Promise<R>>(options.maxEntries ?? 10_000);
  const name = options.name;
  const memoized = (...args: A): Promise<R> => {
    const k = key(...args);
    const hit = cache.get(k);
    if (name) recordCacheLookup(name, hit ? 'hit' : 'miss');
    if (hit) return hit;
    const pending = load(...args);
    cache.set(k, pending);
    pending.catch(() => {
      if (cache.get(k) === pending) cache.delete(k);
    });
    return pending;
  };
  return Object.assign(memoized, { cache });
}
