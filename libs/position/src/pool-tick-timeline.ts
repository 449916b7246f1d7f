import { compareChainPoints, type ChainPoint } from '@lib/pricing';
import type { TickChange, TickSeries } from './time-in-range';

/** A pool's tick change with its place in chain order. */
export type PlacedTickChange = TickChange & ChainPoint;

const START: ChainPoint = { blockNumber: 0, logIndex: 0 };

/** Changes per block of the in-range sums: a long window costs its blocks' binary searches, not a step per change. */
const BLOCK = 128;

/** A complete block's ticks in ascending order, and the running sum of their durations in that order. */
interface SortedBlock {
  ticks: Int32Array;
  durations: Float64Array;
}

/**
 * One pool's tick changes (Swap/Initialize) in chain order, from the start of its history,
 * in typed arrays (16 bytes a change): loaded once and extended forward, so a batch reads
 * only the changes it has not seen instead of every change since its oldest opening.
 */
export class PoolTickTimeline {
  private blocks = new Int32Array(256);
  private logs = new Int32Array(256);
  private times = new Int32Array(256);
  private ticks = new Int32Array(256);
  private count = 0;
  /** Every change strictly before this point is here. */
  private until: ChainPoint = START;
  /** Whether timestamps never decrease along the chain order (true of any real chain). */
  private monotone = true;
  /** Built on first use; complete blocks never change (the timeline only grows at its end). */
  private readonly sortedBlocks: SortedBlock[] = [];

  get length(): number {
    return this.count;
  }

  /** The point every change before which is loaded. */
  get loadedUntil(): ChainPoint {
    return this.until;
  }

  get timestampsMonotone(): boolean {
    return this.monotone;
  }

  /**
   * Adds the changes in [loadedUntil, until), which must be all of them, in chain order.
   * Changes outside that interval are refused: they would break the order or be counted twice.
   */
  append(changes: readonly PlacedTickChange[], until: ChainPoint): void {
    if (compareChainPoints(until, this.until) < 0) throw new RangeError('a timeline only extends forward');
    // All checked before any is added: a refused append leaves the timeline as it was.
    let previous: ChainPoint = this.count > 0 ? this.pointAt(this.count - 1) : { blockNumber: -1, logIndex: -1 };
    for (const c of changes) {
      // Two rows at one point (bad source data) are both kept, as the query that read them ordered them.
      if (compareChainPoints(c, this.until) < 0 || compareChainPoints(c, until) >= 0 || compareChainPoints(c, previous) < 0) {
        throw new RangeError(`tick change ${c.blockNumber}:${c.logIndex} is out of order or outside the loaded interval`);
      }
      previous = c;
    }
    for (const c of changes) this.push(c);
    this.until = until;
  }

  /**
   * The changes strictly after `from` and strictly before `to` (what "as of" sees), as a
   * view; `notBefore`: leave out the leading changes at or before that time — they can only
   * set the tick a window starts with, which the view then gives as `tickBefore` (only when
   * timestamps are monotone, else the view starts at `from` as asked).
   */
  between(from: ChainPoint, to: ChainPoint, notBefore?: number): TickChangesView {
    if (compareChainPoints(to, this.until) > 0) throw new RangeError(`changes up to ${to.blockNumber}:${to.logIndex} are not loaded`);
    let start = this.firstIndexAfter(from, false);
    const end = Math.max(start, this.firstIndexAfter(to, true));
    let tickBefore: number | undefined;
    if (notBefore !== undefined && this.monotone) {
      const skipTo = Math.min(end, this.firstIndexWithTimeAfter(notBefore, start));
      if (skipTo > start) {
        tickBefore = this.ticks[skipTo - 1];
        start = skipTo;
      }
    }
    return new TickChangesView(this, this.times, this.ticks, start, end, tickBefore);
  }

  /**
   * Σ (timestamp[i+1] − timestamp[i]) over i in [from, to) whose tick is in [tickLower, tickUpper):
   * the seconds the tick spent in range from change `from` to change `to` (indexes; to < length).
   */
  secondsInRange(from: number, to: number, tickLower: number, tickUpper: number): number {
    if (to >= this.count) throw new RangeError('the last change of a sum needs its successor');
    if (tickUpper <= tickLower) return 0;
    let sum = 0;
    let i = from;
    const step = (k: number) => {
      const tick = this.ticks[k];
      if (tickLower <= tick && tick < tickUpper) sum += this.times[k + 1] - this.times[k];
    };
    for (; i < to && i % BLOCK !== 0; i++) step(i);
    for (; i + BLOCK <= to; i += BLOCK) {
      const block = this.sortedBlock(i / BLOCK);
      sum += block.durations[lowerBound(block.ticks, tickUpper)] - block.durations[lowerBound(block.ticks, tickLower)];
    }
    for (; i < to; i++) step(i);
    return sum;
  }

  private sortedBlock(k: number): SortedBlock {
    let block = this.sortedBlocks[k];
    if (!block) {
      const first = k * BLOCK;
      const order = Array.from({ length: BLOCK }, (_, j) => first + j).sort((a, b) => this.ticks[a] - this.ticks[b]);
      const ticks = new Int32Array(BLOCK);
      const durations = new Float64Array(BLOCK + 1); // durations[j]: the first j ticks' seconds
      order.forEach((i, j) => {
        ticks[j] = this.ticks[i];
        durations[j + 1] = durations[j] + (this.times[i + 1] - this.times[i]);
      });
      this.sortedBlocks[k] = block = { ticks, durations };
    }
    return block;
  }

  private pointAt(i: number): ChainPoint {
    return { blockNumber: this.blocks[i], logIndex: this.logs[i] };
  }

  private push(c: PlacedTickChange): void {
    if (this.count === this.blocks.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.blocks = grow(this.blocks);
      this.logs = grow(this.logs);
      this.times = grow(this.times);
      this.ticks = grow(this.ticks);
    }
    if (this.count > 0 && c.timestamp < this.times[this.count - 1]) this.monotone = false;
    this.blocks[this.count] = c.blockNumber;
    this.logs[this.count] = c.logIndex;
    this.times[this.count] = c.timestamp;
    this.ticks[this.count] = c.tick;
    this.count++;
  }

  /** First index whose point is after `point` (or at it, when `inclusive`). */
  private firstIndexAfter(point: ChainPoint, inclusive: boolean): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = this.blocks[mid] - point.blockNumber || this.logs[mid] - point.logIndex;
      if (c > 0 || (inclusive && c === 0)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** First index ≥ `from` whose timestamp is after `time` (timestamps monotone). */
  private firstIndexWithTimeAfter(time: number, from: number): number {
    let lo = from;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid] > time) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** First index of an ascending array whose value is ≥ x. */
function lowerBound(sorted: Int32Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A run of a timeline's changes, iterable as TickChange (one object, reused: read it, do not keep it). */
export class TickChangesView implements TickSeries {
  constructor(
    private readonly timeline: PoolTickTimeline,
    private readonly times: Int32Array,
    private readonly ticks: Int32Array,
    private readonly start: number,
    private readonly end: number,
    /** The tick of the last change left out before `start` by `notBefore`, if any was. */
    readonly tickBefore?: number,
  ) {}

  get length(): number {
    return this.end - this.start;
  }

  get timestampsMonotone(): boolean {
    return this.timeline.timestampsMonotone;
  }

  get firstTimestamp(): number {
    return this.times[this.start];
  }

  get lastTimestamp(): number {
    return this.times[this.end - 1];
  }

  get lastTick(): number {
    return this.ticks[this.end - 1];
  }

  secondsInRangeBetween(tickLower: number, tickUpper: number): number {
    return this.length === 0 ? 0 : this.timeline.secondsInRange(this.start, this.end - 1, tickLower, tickUpper);
  }

  *[Symbol.iterator](): Iterator<TickChange> {
    const change = { timestamp: 0, tick: 0 };
    for (let i = this.start; i < this.end; i++) {
      change.timestamp = this.times[i];
      change.tick = this.ticks[i];
      yield change;
    }
  }
}
