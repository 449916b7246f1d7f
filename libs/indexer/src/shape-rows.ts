/**
 * The one switch between the shapes: which blocks' timestamps a window needs, and its rows.
 * `scanWindow` and the pool discovery before a cut both go through it, so a "Pool" row is the
 * same whichever found it.
 */
import type { BlockTimestamps } from './block-timestamps';
import { fullShapeRows, fullShapeTimestampBlocks } from './full-shape-rows';
import type { IndexShape, QuirkOptions, ShapedRows, StampPlan, WindowLogs } from './index-shape';
import type { TokenMetadataByAddress } from './pool-created-log-rows';
import { productionShapeRows, productionShapeTimestampBlocks } from './production-shape-rows';

export interface ShapeSettings {
  shape: IndexShape;
  /** The DEX's name. */
  dex: string;
  /** Production shape: the stamp windows. */
  stampPlan: StampPlan;
  /** Production shape: the quirks, with the run's "indexed at" time; none when undefined. */
  quirks?: QuirkOptions & { indexedAt: number };
}

/** A window's rows and the block timestamps read for them (true block times: written to `block_time`). */
export type ShapedWindowRows = ShapedRows & { blockTimes: ReadonlyMap<number, number> };

/** Reads the timestamps the shape needs and maps the window's logs to its rows. */
export async function shapeWindowRows(
  logs: WindowLogs,
  tokens: TokenMetadataByAddress,
  timestampReader: BlockTimestamps,
  settings: ShapeSettings,
): Promise<ShapedWindowRows> {
  if (settings.shape === 'production') {
    const timestamps = await timestampReader.of(productionShapeTimestampBlocks(logs, settings.stampPlan));
    const rows = productionShapeRows(logs, { dex: settings.dex, tokens, timestamps, stampPlan: settings.stampPlan, quirks: settings.quirks });
    return { ...rows, blockTimes: timestamps };
  }
  const timestamps = await timestampReader.of(fullShapeTimestampBlocks(logs));
  return { ...fullShapeRows(logs, { dex: settings.dex, tokens, timestamps }), blockTimes: timestamps };
}
