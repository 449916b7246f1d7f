/**
 * Answers loaded many keys at a time and kept for `ttlMs` each: for facts that are fixed
 * while a run replays (the source tables are complete before it starts) but may change
 * when data is imported again, which is then seen within `ttlMs`. Keys asked together that
 * are missing or expired load in one call, concurrent callers share it, and a failed load
 * is not kept. Unbounded: for small key sets (months, days, pools).
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, { loadedAt: number; values: Promise<ReadonlyMap<string, V>> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The value of each key; `load` gets the keys to (re)load and must answer every one. */
  async getMany(keys: Iterable<string>, load: (keys: string[]) => Promise<ReadonlyMap<string, V>>): Promise<Map<string, V>> {
    const asked = [...new Set(keys)];
    const at = this.now();
    const stale = asked.filter((k) => {
      const kept = this.entries.get(k);
      return !kept || at - kept.loadedAt >= this.ttlMs;
    });
    if (stale.length > 0) {
      const values = load(stale);
      for (const k of stale) this.entries.set(k, { loadedAt: at, values });
      values.catch(() => {
        for (const k of stale) if (this.entries.get(k)?.values === values) this.entries.delete(k);
      });
    }
    const out = new Map<string, V>();
    for (const k of asked) {
      const values = await this.entries.get(k)!.values;
      if (!values.has(k)) throw new Error(`ExpiringCache: the load did not answer key ${k}`);
      out.set(k, values.get(k)!);
    }
    return out;
  }
}
