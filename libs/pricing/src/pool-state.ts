import type { ChainPoint } from './chain-point';

/** The pool events that carry the pool's price: both log sqrtPriceX96 and tick. */
export type PriceEventName = 'Swap' | 'Initialize';

/**
 * A pool's price state as of a chain point: what its last Swap (or, before any swap, its
 * Initialize) logged. Mints and burns do not move the price, so this is the pool's slot0
 * price at that point; `liquidity` is only what the last swap left in range.
 */
export interface PoolState {
  pool: string;
  sqrtPriceX96: bigint;
  tick: number;
  /** In-range liquidity right after that swap; null for Initialize (the log has none) or when the row lacks it. */
  liquidity: bigint | null;
  /** The "PoolEvent" row it was read from. */
  source: ChainPoint & { id: string; eventName: PriceEventName };
}

/** A row of the pool-state query (text columns as stored). */
export interface PoolStateRow {
  pool: string;
  id: string;
  eventName: string;
  blockNumber: number;
  logIndex: number;
  sqrtPriceX96: string;
  tick: number;
  liquidity: string | null;
}

const UNSIGNED_INTEGER = /^[0-9]+$/;

/** Row → PoolState. The query only returns rows with a positive integer sqrtPriceX96 and a tick. */
export function poolStateFromRow(row: PoolStateRow): PoolState {
  if (row.eventName !== 'Swap' && row.eventName !== 'Initialize') throw new Error(`PoolEvent ${row.id} is a ${row.eventName}, not a Swap or Initialize`);
  // A Swap row without a readable liquidity still has a price; only its depth is unknown.
  const liquidity = row.eventName === 'Swap' && row.liquidity !== null && UNSIGNED_INTEGER.test(row.liquidity) ? BigInt(row.liquidity) : null;
  return {
    pool: row.pool,
    sqrtPriceX96: BigInt(row.sqrtPriceX96),
    tick: row.tick,
    liquidity,
    source: { id: row.id, eventName: row.eventName, blockNumber: row.blockNumber, logIndex: row.logIndex },
  };
}
