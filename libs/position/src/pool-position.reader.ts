import { encodePacked, keccak256, type Address } from 'viem';
import { memoize, readChain, uniswapV3PoolAbi, type ChainClient } from '@lib/chain';
import type { PoolPosition } from './collect-cap';

/**
 * Reads the pool's own position of a manager's range at past blocks (what caps collect,
 * collect-cap.ts), cached per (pool, manager, range, block): past state never changes.
 * Concurrent reads at one block are folded by viem into one multicall.
 */
export class PoolPositionReader {
  /** Contract reads issued (cache misses). */
  reads = 0;

  private readonly positionAt = memoize(
    async (pool: string, manager: string, tickLower: number, tickUpper: number, block: number): Promise<PoolPosition> => {
      this.reads++;
      const key = keccak256(encodePacked(['address', 'int24', 'int24'], [manager as Address, tickLower, tickUpper]));
      const r = await readChain(`positions() of pool ${pool} for ${manager} [${tickLower}, ${tickUpper}] at block ${block}`, () =>
        this.client.readContract({
          address: pool as Address,
          abi: uniswapV3PoolAbi,
          functionName: 'positions',
          args: [key],
          blockNumber: BigInt(block),
        }),
      );
      return { liquidity: r[0], feeGrowthInside0LastX128: r[1], feeGrowthInside1LastX128: r[2], tokensOwed0: r[3], tokensOwed1: r[4] };
    },
    (p, m, l, u, b) => `${p}:${m}:${l}:${u}@${b}`,
    { maxEntries: 50_000, name: 'pool-position' },
  );

  constructor(private readonly client: ChainClient) {}

  read(r: { pool: string; positionManager: string; tickLower: number; tickUpper: number; blockNumber: number }): Promise<PoolPosition> {
    return this.positionAt(r.pool.toLowerCase(), r.positionManager.toLowerCase(), r.tickLower, r.tickUpper, r.blockNumber);
  }
}
