import { partitionOfKey, type EndOfReplayMarker } from '@lib/kafka';

/**
 * Which keys a partition recomputes when a run ends there: those the producer's
 * partitioner maps to it, so each key is done once, by the partition whose records of it
 * all came before the marker. A marker without a partition count (older records) owns
 * every key, as before.
 */
export function ownsKey(marker: EndOfReplayMarker, partition: number): (key: string) => boolean {
  const partitions = marker.partitions;
  if (partitions === undefined || partitions < 1) return () => true;
  return (key) => partitionOfKey(key, partitions) === partition;
}
