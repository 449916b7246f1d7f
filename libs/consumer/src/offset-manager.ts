import type { Consumer } from 'kafkajs';

/**
 * Offsets are the durable progress, so they move only after a batch's results are
 * written: `commitProcessed` is called by the batch processor last, never before.
 */
export class OffsetManager {
  constructor(private readonly consumer: Consumer) {}

  /** Marks `lastOffset` processed and commits the next offset to read. */
  async commitProcessed(topic: string, partition: number, lastOffset: string, resolveOffset: (offset: string) => void): Promise<void> {
    resolveOffset(lastOffset);
    await this.consumer.commitOffsets([{ topic, partition, offset: (BigInt(lastOffset) + 1n).toString() }]);
  }
}
