/**
 * The rows the indexer writes into the production source tables (DESIGN.md §2), with the
 * exact column names of migrations/0001, and how each table is upserted. Every address
 * is stored lowercase, so equality in SQL never depends on checksum casing.
 */
import type { UpsertSpec } from '@lib/db';
import { PRISMA_TIMESTAMP_COLUMNS, prismaTimestamps, type PrismaTimestamps } from './prisma-timestamps';

export type PositionEventType = 'MINT' | 'INCREASE' | 'DECREASE' | 'COLLECT' | 'BURN';

/** Which emitting manager (and DEX) a position row belongs to: token ids overlap between DEXes. */
export interface PositionMetadata {
  positionManager: string;
  dex: string;
}

export interface PositionEventRow {
  id: string;
  tokenId: string;
  pool: string;
  blockNumber: number;
  txHash: string;
  logIndex: number;
  timestamp: number;
  eventType: PositionEventType;
  sender: string | null;
  owner: string | null;
  recipient: string | null;
  tickLower: number | null;
  tickUpper: number | null;
  tick: number | null;
  liquidityDelta: string | null;
  amount0: string | null;
  amount1: string | null;
  sqrtPriceX96: string | null;
  price1Per0: number | null;
  usdValue: number | null;
  metadata: PositionMetadata;
}

/**
 * A "PositionEvent" row of the production shape (DESIGN.md §2, `production-shape-rows.ts`):
 * only INCREASE, DECREASE and COLLECT, no metadata.
 */
export type ProductionPositionEventRow = Omit<PositionEventRow, 'eventType' | 'metadata'> & {
  eventType: Exclude<PositionEventType, 'MINT' | 'BURN'>;
  metadata: null;
};

/** A "PositionEvent" row of either shape. */
export type AnyPositionEventRow = PositionEventRow | ProductionPositionEventRow;

export interface PositionTransferRow {
  id: string;
  tokenId: string;
  from: string;
  to: string;
  blockNumber: number;
  txHash: string;
  logIndex: number;
  timestamp: number;
  /** NULL in the production shape (the manager is in "nfpmAddress"). */
  metadata: PositionMetadata | null;
  nfpmAddress: string;
}

export type PoolEventName = 'Initialize' | 'Mint' | 'Burn' | 'Swap' | 'Collect' | 'Flash';

/**
 * What the production shape adds: the factories' 'PoolCreated' logs (every decoded field
 * NULL) and, with quirks, 'Unknown' rows (production-shape-rows.ts).
 */
export type ProductionPoolEventName = 'PoolCreated' | 'Unknown';

export interface PoolEventRow {
  id: string;
  pool: string;
  blockNumber: number;
  txHash: string;
  logIndex: number;
  timestamp: number;
  eventName: PoolEventName | ProductionPoolEventName;
  sender: string | null;
  owner: string | null;
  recipient: string | null;
  tickLower: number | null;
  tickUpper: number | null;
  amount: string | null;
  amount0: string | null;
  amount1: string | null;
  sqrtPriceX96: string | null;
  liquidity: string | null;
  tick: number | null;
}

/** A "Pool" row as the chain tells it; "createdAt"/"updatedAt" are added when it is written (`poolUpsert`). */
export interface PoolRow {
  address: string;
  token0: string;
  token1: string;
  fee: number;
  /** NULL when the token does not tell (token-metadata-reader.ts), and in the production shape's `pool-null-metadata` quirk. */
  token0Symbol: string | null;
  token1Symbol: string | null;
  token0Name: string | null;
  token1Name: string | null;
  token0Decimals: number | null;
  token1Decimals: number | null;
  factory: string;
  blockNumber: number;
  txHash: string;
}

/** The "pool" of a position event whose pool the manager's log does not tell (as production has it). */
export const UNKNOWN_POOL = 'unknown';

const POSITION_EVENT_COLUMNS = [
  'id',
  'tokenId',
  'pool',
  'blockNumber',
  'txHash',
  'logIndex',
  'timestamp',
  'eventType',
  'sender',
  'owner',
  'recipient',
  'tickLower',
  'tickUpper',
  'tick',
  'liquidityDelta',
  'amount0',
  'amount1',
  'sqrtPriceX96',
  'price1Per0',
  'usdValue',
  'metadata',
] as const satisfies readonly (keyof PositionEventRow)[];

/**
 * A re-index rewrites only what the log says: `pool`, prices and `usdValue` belong to the
 * enrichment steps and must survive a second pass of the indexer over the same blocks.
 */
const POSITION_EVENT_INDEXER_COLUMNS = [
  'tokenId',
  'blockNumber',
  'timestamp',
  'eventType',
  'sender',
  'owner',
  'recipient',
  'liquidityDelta',
  'amount0',
  'amount1',
  'metadata',
] as const satisfies readonly (keyof PositionEventRow)[];

export function positionEventUpsert(rows: readonly AnyPositionEventRow[]): UpsertSpec<AnyPositionEventRow> {
  return { table: 'PositionEvent', columns: POSITION_EVENT_COLUMNS, conflict: ['txHash', 'logIndex'], update: POSITION_EVENT_INDEXER_COLUMNS, rows };
}

export function positionTransferUpsert(rows: readonly PositionTransferRow[]): UpsertSpec<PositionTransferRow> {
  return {
    table: 'PositionTransfer',
    columns: ['id', 'tokenId', 'from', 'to', 'blockNumber', 'txHash', 'logIndex', 'timestamp', 'metadata', 'nfpmAddress'],
    conflict: ['txHash', 'logIndex'],
    update: 'all',
    rows,
  };
}

export function poolEventUpsert(rows: readonly PoolEventRow[]): UpsertSpec<PoolEventRow> {
  return {
    table: 'PoolEvent',
    columns: [
      'id',
      'pool',
      'blockNumber',
      'txHash',
      'logIndex',
      'timestamp',
      'eventName',
      'sender',
      'owner',
      'recipient',
      'tickLower',
      'tickUpper',
      'amount',
      'amount0',
      'amount1',
      'sqrtPriceX96',
      'liquidity',
      'tick',
    ],
    conflict: ['txHash', 'logIndex'],
    update: 'all',
    rows,
  };
}

/** The columns of "Pool" the chain gives; the Prisma timestamps come on top when written. */
export const POOL_COLUMNS = [
  'address',
  'token0',
  'token1',
  'fee',
  'token0Symbol',
  'token1Symbol',
  'token0Name',
  'token1Name',
  'token0Decimals',
  'token1Decimals',
  'factory',
  'blockNumber',
  'txHash',
] as const satisfies readonly (keyof PoolRow)[];

/**
 * "Pool" rows stamped `now` (prisma-timestamps.ts: production's "updatedAt" has no
 * default): "createdAt" on insert only, "updatedAt" on insert and when a re-index changes
 * the row, never compared — re-indexing the same blocks changes nothing.
 */
export function poolUpsert(rows: readonly PoolRow[], now: Date = new Date()): UpsertSpec<PoolRow & PrismaTimestamps> {
  const stamps = prismaTimestamps(now);
  return {
    table: 'Pool',
    columns: [...POOL_COLUMNS, ...PRISMA_TIMESTAMP_COLUMNS],
    conflict: ['address'],
    update: POOL_COLUMNS.filter((c) => c !== 'address'),
    touch: ['updatedAt'],
    rows: rows.map((row) => ({ ...row, ...stamps })),
  };
}
