/**
 * The production source tables (DESIGN.md section 2) and the one kind of change our
 * migrations make to them: the indexes below, each built CONCURRENTLY by migration 0014
 * outside a transaction (docs/database.md, "What touches a production table"). Checked
 * against the migration files by migrations.spec.ts and against a production-shaped
 * database by test/production/production-ddl.int-spec.ts.
 */
export const PRODUCTION_TABLES = ['PositionEvent', 'PoolEvent', 'PositionTransfer', 'Pool', 'PoolIncentive'] as const;
export type ProductionTable = (typeof PRODUCTION_TABLES)[number];

/** The enum type of "PositionEvent"."eventType". */
export const PRODUCTION_TYPES = ['PositionEventType'] as const;

export interface ProductionTableIndex {
  name: string;
  table: ProductionTable;
  /** The key as written in the migration, and the partial-index predicate if any. */
  columns: string;
  where?: string;
  /** The migration that builds it (CONCURRENTLY, IF NOT EXISTS). */
  migration: string;
  /** Who needs it. */
  why: string;
}

export const PRODUCTION_TABLE_INDEXES: readonly ProductionTableIndex[] = [
  {
    name: 'lpe_position_event_chain_order',
    table: 'PositionEvent',
    columns: '("blockNumber", "logIndex")',
    migration: '0014_production_indexes_concurrently',
    why: 'the replay pages the table in chain order (keyset pagination)',
  },
  {
    name: 'lpe_pool_event_chain_order',
    table: 'PoolEvent',
    columns: '("blockNumber", "logIndex")',
    migration: '0014_production_indexes_concurrently',
    why: 'the replay pages the table in chain order (keyset pagination)',
  },
  {
    name: 'lpe_pool_event_price_order',
    table: 'PoolEvent',
    columns: '(pool, "blockNumber", "logIndex")',
    where: `"eventName" IN ('Swap', 'Initialize')`,
    migration: '0014_production_indexes_concurrently',
    why: 'pool states as of a point (pricing), tick changes of a window (range status, health)',
  },
  {
    name: 'lpe_pool_event_swap_time',
    table: 'PoolEvent',
    columns: '(pool, timestamp)',
    where: `"eventName" = 'Swap'`,
    migration: '0014_production_indexes_concurrently',
    why: "APR: a pool's Swaps of a UTC day",
  },
  {
    name: 'lpe_pool_event_time',
    table: 'PoolEvent',
    columns: '(timestamp, "blockNumber")',
    migration: '0014_production_indexes_concurrently',
    why: "APR: the last block before a day's end",
  },
];
