/** Offsets of one topic's partitions (decimal strings, as Kafka reports them). */
export type PartitionOffsets = Record<string, string>;

export interface StepProgress {
  /** Records of the run processed (committed), summed over partitions. */
  committed: number;
  /** Records of the run in the input topic, summed over partitions. */
  end: number;
  lag: number;
}

/** One partition of a step's input for one run. */
export interface PartitionProgress {
  partition: string;
  /** The offset the group is at within the run: its committed offset, clamped to [start, end]. */
  position: number;
  /** The run's end offset of the partition. */
  end: number;
  /** Records of the run between the run's start and `end`. */
  total: number;
  /** end - position: records of the run not yet processed. */
  lag: number;
}

/**
 * Per partition, how far the group's committed offset is between the run's start offset
 * and its end offset. A partition the group has never committed counts as at its start.
 */
export function partitionProgress(start: PartitionOffsets, end: PartitionOffsets, committed: PartitionOffsets): PartitionProgress[] {
  return Object.entries(end).map(([partition, endRaw]) => {
    const s = Number(start[partition] ?? 0);
    const e = Number(endRaw);
    const c = Number(committed[partition] ?? -1);
    const position = c < 0 ? s : Math.min(Math.max(c, s), e);
    const total = Math.max(0, e - s);
    return { partition, position, end: e, total, lag: total - Math.max(0, position - s) };
  });
}

/** Pure progress of one step for one run: partitionProgress summed over the partitions. */
export function stepProgress(start: PartitionOffsets, end: PartitionOffsets, committed: PartitionOffsets): StepProgress {
  let total = 0;
  let lag = 0;
  for (const p of partitionProgress(start, end, committed)) {
    total += p.total;
    lag += p.lag;
  }
  return { committed: total - lag, end: total, lag };
}
