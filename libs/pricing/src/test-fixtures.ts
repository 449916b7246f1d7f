/**
 * Hand-made "Pool" and "PoolEvent" rows for the integration tests (test code only; not
 * exported from the library). Columns as in migrations/0001.
 */
import type { Pool } from 'pg';
import { upsertRows } from '@lib/db';

export interface PoolFixture {
  address: string;
  token0: string;
  token1: string;
  decimals0: number | null;
  decimals1: number | null;
}

export async function insertPools(db: Pool, pools: readonly PoolFixture[]): Promise<void> {
  await upsertRows(db, {
    table: 'Pool',
    // "updatedAt" has no default in production (nor in 0001): every insert gives it.
    columns: [
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
      'createdAt',
      'updatedAt',
    ],
    conflict: ['address'],
    update: 'all',
    rows: pools.map((p) => ({
      address: p.address,
      token0: p.token0,
      token1: p.token1,
      fee: 3000,
      token0Symbol: 'T0',
      token1Symbol: 'T1',
      token0Name: 'Token 0',
      token1Name: 'Token 1',
      token0Decimals: p.decimals0,
      token1Decimals: p.decimals1,
      factory: '0x00000000000000000000000000000000000000fa',
      blockNumber: 1,
      txHash: '0x01',
      createdAt: '2024-01-01 00:00:00.000',
      updatedAt: '2024-01-01 00:00:00.000',
    })),
  });
}

export interface PoolEventFixture {
  pool: string;
  blockNumber: number;
  logIndex: number;
  eventName: 'Initialize' | 'Swap' | 'Mint' | 'Collect';
  sqrtPriceX96?: bigint | string | null;
  tick?: number | null;
  liquidity?: bigint | null;
}

/** The fixtures' block times: block b at 1_700_000_000 + b (the rows' `timestamp` and their block_time row alike). */
export const fixtureBlockTime = (blockNumber: number): number => 1_700_000_000 + blockNumber;

/** The events as "PoolEvent" rows, and a block_time row for each of their blocks that has none (the steps read times there). */
export async function insertPoolEvents(db: Pool, events: readonly PoolEventFixture[]): Promise<void> {
  const blocks = [...new Set(events.map((e) => e.blockNumber))];
  await upsertRows(db, {
    table: 'block_time',
    columns: ['block_number', 'timestamp', 'source'],
    conflict: ['block_number'],
    update: 'nothing',
    rows: blocks.map((b) => ({ block_number: b, timestamp: fixtureBlockTime(b), source: 'header' })),
  });
  await upsertRows(db, {
    table: 'PoolEvent',
    columns: ['id', 'pool', 'blockNumber', 'txHash', 'logIndex', 'timestamp', 'eventName', 'sqrtPriceX96', 'tick', 'liquidity', 'amount0', 'amount1'],
    conflict: ['id'],
    update: 'all',
    rows: events.map((e) => {
      // One transaction per block and pool is enough for these tests; the id is "txHash:logIndex".
      const txHash = `0x${e.pool.slice(2, 10)}${e.blockNumber.toString(16).padStart(8, '0')}`;
      return {
        id: `${txHash}:${e.logIndex}`,
        pool: e.pool,
        blockNumber: e.blockNumber,
        txHash,
        logIndex: e.logIndex,
        timestamp: fixtureBlockTime(e.blockNumber),
        eventName: e.eventName,
        sqrtPriceX96: e.sqrtPriceX96 === undefined || e.sqrtPriceX96 === null ? null : e.sqrtPriceX96.toString(),
        tick: e.tick ?? null,
        liquidity: e.liquidity === undefined || e.liquidity === null ? null : e.liquidity.toString(),
        amount0: e.eventName === 'Initialize' ? null : '0',
        amount1: e.eventName === 'Initialize' ? null : '0',
      };
    }),
  });
}
