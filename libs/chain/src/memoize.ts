import { recordCacheLookup } from './cache-lookups';

/**
 * A bounded cache for answers that never change (receipts, a pool's tokens, decimals, state at
 * a past block), keyed by string. Two generations of at most maxEntries/2 each: new and used
 * entries go to the young one; when it is full it becomes the old one and the old one is
 * dropped. So an entry lives at least maxEntries/2 insertions after its last use and at most
 * maxEntries. Every operation is O(1): an exact LRU over one Map (delete and re-insert on each
 * hit, evict from the front) leaves deleted slots that every eviction scans past, which took a
 * third of a step's CPU at a million events.
 */
export class BoundedCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  private readonly generation: number;

  constructor(readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
    this.generation = Math.max(1, Math.floor(maxEntries / 2));
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  has(key: string): boolean {
    return this.young.has(key) || this.old.has(key);
  }

  get(key: string): V | undefined {
    const young = this.young.get(key);
    if (young !== undefined) return young;
    const old = this.old.get(key);
    if (old === undefined) return undefined;
    this.old.delete(key);
    this.addYoung(key, old);
    return old;
  }

  set(key: string, value: V): void {
    this.old.delete(key);
    this.addYoung(key, value);
  }

  delete(key: string): boolean {
    return this.young.delete(key) || this.old.delete(key);
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }

  private addYoung(key: string, value: V): void {
    this.young.set(key, value);
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Map();
    }
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
