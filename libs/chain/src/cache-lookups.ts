/** Whether a lookup in a named cache found its answer. */
export type CacheOutcome = 'hit' | 'miss';
export type CacheLookupObserver = (cache: string, outcome: CacheOutcome) => void;

let observer: CacheLookupObserver | undefined;

/**
 * The one hook for cache metrics: a step service sets it once at startup, and every named
 * cache of the process (memoize with a name, the pricing repositories) reports to it. A
 * process-wide hook because the caches are built deep inside each step's services; with no
 * observer set, reporting costs one comparison.
 */
export function observeCacheLookups(next: CacheLookupObserver | undefined): void {
  observer = next;
}

export function recordCacheLookup(cache: string, outcome: CacheOutcome): void {
  observer?.(cache, outcome);
}
