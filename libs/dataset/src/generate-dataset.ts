import type { DatasetOptions } from './dataset-options';
import type { DatasetSink } from './dataset-tables';
import { generateHistory, type GenerationProgress, type GenerationSummary } from './history-generator';
import type { DatasetUniverse } from './dataset-universe';
import { poolIncentiveRows, rflrAllocationRows } from './reward-rows';

export interface GeneratedDataset {
  universe: DatasetUniverse;
  summary: GenerationSummary;
}

/** The whole dataset into `sink`: the history (source tables, registry), then its reward inputs. */
export function generateDataset(options: DatasetOptions, sink: DatasetSink, onProgress?: (p: GenerationProgress) => void): GeneratedDataset {
  const { universe, summary, exposures } = generateHistory(options, sink, onProgress);
  const incentives = poolIncentiveRows(universe, summary.timestamps.first, summary.timestamps.last, options.seed);
  for (const row of incentives) sink.write('PoolIncentive', row);
  const allocations = rflrAllocationRows(exposures, options.seed);
  for (const row of allocations) sink.write('rflr_allocation', row);
  summary.rows.PoolIncentive = incentives.length;
  summary.rows.rflr_allocation = allocations.length;
  return { universe, summary };
}
