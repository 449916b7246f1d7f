/** Offsets of one topic's partitions (decimal strings, as Kafka reports them). */
export type PartitionOffsets = Record<string, string>;

export interface StepProgress {
  /** Records of the run processed (committed), summed over partitions. */
  committed: number;
  /** Records of the run in the input topic, summed over partitions. */
  end: number;
  lag: number;
}

/**
 * Pure progress of one step for one run: per partition, how far the group's committed
 * offset is between the run's start offset and its end offset. A partition the group
 * has never committed counts as at its start.
 */
export function stepProgress(start: PartitionOffsets, end: PartitionOffsets, committed: PartitionOffsets): StepProgress {
  let done = 0;
  let total = 0;
  for (const [partition, endRaw] of Object.entries(end)) {
    const s = Number(start[partition] ?? 0);
    const e = Number(endRaw);
    const c = Number(committed[partition] ?? -1);
    const position = c < 0 ? s : Math.min(Math.max(c, s), e);
    total += Math.max(0, e - s);
    done += Math.max(0, position - s);
  }
  return { committed: done, end: total, lag: total - done };
}
