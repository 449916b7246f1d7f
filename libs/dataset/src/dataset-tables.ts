import { POOL_COLUMNS, POOL_INCENTIVE_COLUMNS, poolEventUpsert, positionEventUpsert, positionTransferUpsert, rflrAllocationUpsert } from '@lib/indexer';

/**
 * The tables the scale dataset fills, in load order ("Pool" before what references it),
 * each with the columns it writes — the indexer's and importer's own column lists, so a
 * dataset row has exactly the shape of an indexed one. `stamped` tables also get Prisma's
 * "createdAt"/"updatedAt" when loaded (production's "updatedAt" has no default); the files
 * hold only the data columns, so a dataset does not change with the time it was made.
 */

export interface PositionRegistryRow {
  position_manager: string;
  token_id: string;
  dex: string;
  pool: string;
  token0: string;
  token1: string;
  fee: number;
  tick_lower: number;
  tick_upper: number;
  source: string;
}

export const DATASET_TABLES = [
  { name: 'Pool', file: 'pool.copy', columns: POOL_COLUMNS, stamped: true },
  { name: 'PoolIncentive', file: 'pool-incentive.copy', columns: POOL_INCENTIVE_COLUMNS, stamped: true },
  { name: 'PoolEvent', file: 'pool-event.copy', columns: poolEventUpsert([]).columns },
  { name: 'PositionEvent', file: 'position-event.copy', columns: positionEventUpsert([]).columns },
  { name: 'PositionTransfer', file: 'position-transfer.copy', columns: positionTransferUpsert([]).columns },
  { name: 'rflr_allocation', file: 'rflr-allocation.copy', columns: rflrAllocationUpsert([]).columns },
  {
    name: 'position_registry',
    file: 'position-registry.copy',
    columns: ['position_manager', 'token_id', 'dex', 'pool', 'token0', 'token1', 'fee', 'tick_lower', 'tick_upper', 'source'] as const,
  },
] as const;

export type DatasetTableName = (typeof DATASET_TABLES)[number]['name'];

export const TABLE_NAMES: readonly DatasetTableName[] = DATASET_TABLES.map((t) => t.name);

export function datasetTable(name: DatasetTableName): (typeof DATASET_TABLES)[number] {
  return DATASET_TABLES.find((t) => t.name === name)!;
}

/** Where generated rows go: a file writer, or memory in tests. */
export interface DatasetSink {
  write(table: DatasetTableName, row: object): void;
}
