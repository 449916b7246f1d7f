import { compareChainPoints, type ChainPoint } from './chain-point';
import type { PoolState } from './pool-state';

const ORIGIN: ChainPoint = { blockNumber: 0, logIndex: 0 };
const pointOf = (s: PoolState): ChainPoint => s.source;

/**
 * One pool's price states (its usable Swap/Initialize rows) over an interval of chain order,
 * in memory: every state in [start, until) is here, and `base` is the last one before start.
 * It only grows forward; its oldest states may be dropped (start moves up, base with it).
 * A state "as of" a point inside [start, until] is then a binary search, not a query.
 */
export class PoolPriceTimeline {
  private states: PoolState[] = [];
  private start: ChainPoint;
  private until: ChainPoint;
  private base: PoolState | null;

  /** An empty timeline at `start`, whose last state before it is `base` (the origin has none). */
  constructor(start: ChainPoint = ORIGIN, base: PoolState | null = null) {
    if (base && compareChainPoints(base.source, start) >= 0) throw new RangeError(`base state ${base.source.id} is not before the start`);
    this.start = start;
    this.until = start;
    this.base = base;
  }
  /** Two rows at one chain point: which one "as of" picks is the database's to say, not ours. */
  private ambiguous = false;

  get size(): number {
    return this.states.length;
  }

  get loadedUntil(): ChainPoint {
    return this.until;
  }

  /** Adds every state in [loadedUntil, until), in chain order. */
  append(states: readonly PoolState[], until: ChainPoint): void {
    if (compareChainPoints(until, this.until) < 0) throw new RangeError('a price timeline only extends forward');
    // All checked before any is added: a refused append leaves the timeline as it was.
    let ambiguous = false;
    let last: PoolState | undefined = this.states[this.states.length - 1];
    for (const s of states) {
      if (compareChainPoints(s.source, this.until) < 0 || compareChainPoints(s.source, until) >= 0)
        throw new RangeError(`state ${s.source.id} is outside the interval loaded`);
      const order = last ? compareChainPoints(last.source, s.source) : -1;
      if (order > 0) throw new RangeError(`state ${s.source.id} is out of chain order`);
      if (order === 0) ambiguous = true;
      last = s;
    }
    this.states.push(...states);
    this.ambiguous ||= ambiguous;
    this.until = until;
  }

  /**
   * The last state strictly before `point` (null: none), or undefined when the timeline
   * cannot tell: the point is before its start or after what is loaded.
   */
  stateAsOf(point: ChainPoint): PoolState | null | undefined {
    if (this.ambiguous || compareChainPoints(point, this.start) < 0 || compareChainPoints(point, this.until) > 0) return undefined;
    let lo = 0;
    let hi = this.states.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareChainPoints(pointOf(this.states[mid]), point) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? this.states[lo - 1] : this.base;
  }

  /** Drops all but the newest `keep` states (memory); points before the new start become unknown. */
  keepNewest(keep: number): void {
    const drop = this.states.length - keep;
    if (drop <= 0) return;
    this.base = this.states[drop - 1];
    this.states = this.states.slice(drop);
    this.start = this.states.length > 0 ? pointOf(this.states[0]) : this.until;
  }
}
