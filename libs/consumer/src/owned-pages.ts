/** Keys per page of end-of-replay work: bounds memory and statement size at any table size. */
export const MARKER_PAGE_SIZE = 2_000;

export interface OwnedPagesOptions<K> {
  /** The `limit` items after `after` (undefined: from the start), in one stable key order. */
  read(after: K | undefined, limit: number): Promise<K[]>;
  /** The item's Kafka key, as the producer keyed its records. */
  keyOf(item: K): string;
  owns(key: string): boolean;
  pageSize?: number;
}

/**
 * Walks a table in keyset pages and hands on the items this partition owns, at most
 * `pageSize` at a time, each page done (computed and written) before the next is read.
 */
export async function forEachOwnedPage<K>(opts: OwnedPagesOptions<K>, handle: (page: K[]) => Promise<void>): Promise<void> {
  const size = opts.pageSize ?? MARKER_PAGE_SIZE;
  const owned: K[] = [];
  let after: K | undefined;
  for (;;) {
    const items = await opts.read(after, size);
    for (const item of items) if (opts.owns(opts.keyOf(item))) owned.push(item);
    while (owned.length >= size) await handle(owned.splice(0, size));
    if (items.length < size) break;
    after = items[items.length - 1];
  }
  if (owned.length > 0) await handle(owned);
}
