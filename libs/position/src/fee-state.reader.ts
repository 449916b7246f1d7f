import type { Address } from 'viem';
import { memoize, nonfungiblePositionManagerAbi, readChain, uniswapV3PoolAbi, type ChainClient } from '@lib/chain';
import type { ManagerPosition, PoolFeeState, PositionFeeState, TickFeeState } from './fee-state';

/** What one position's fees need, located. */
export interface FeeStateRequest {
  positionManager: string;
  tokenId: string;
  pool: string;
  tickLower: number;
  tickUpper: number;
  blockNumber: number;
}

/**
 * Reads the fee state of positions at past blocks. Concurrent reads at one block are
 * folded by viem into one multicall (deployless where no Multicall3 is deployed); the
 * pool's slot0 and fee growth are cached per (pool, block), its ticks per (pool, block,
 * tick), a position per (manager, token, block): past state never changes.
 */
export class FeeStateReader {
  /** Contract reads issued (cache misses), each one call inside a multicall: the "RPC calls" figure. */
  reads = 0;

  private readonly positionAt = memoize(
    async (manager: string, tokenId: string, block: number): Promise<ManagerPosition | null> => {
      this.reads++;
      // Only a revert with revert data ("Invalid token ID": burned by the end of that block) is an answer; any other
      // failure is thrown classified (rpc-error-class.ts): transient ones are retried by the runtime, pruned state
      // stops the step with "archive RPC required", and a rejected promise is never kept by memoize.
      const r = await readChain(
        `positions(${tokenId}) of ${manager} at block ${block}`,
        () =>
          this.client.readContract({
            address: manager as Address,
            abi: nonfungiblePositionManagerAbi,
            functionName: 'positions',
            args: [BigInt(tokenId)],
            blockNumber: BigInt(block),
          }),
        () => null,
      );
      if (r === null) return null;
      return { liquidity: r[7], feeGrowthInside0LastX128: r[8], feeGrowthInside1LastX128: r[9], tokensOwed0: r[10], tokensOwed1: r[11] };
    },
    (m, t, b) => `${m}:${t}@${b}`,
    { maxEntries: 50_000, name: 'manager-position' },
  );

  private readonly poolAt = memoize(
    async (pool: string, block: number): Promise<PoolFeeState> => {
      this.reads += 3;
      const at = { address: pool as Address, abi: uniswapV3PoolAbi, blockNumber: BigInt(block) } as const;
      const [slot0, g0, g1] = await readChain(`slot0 and fee growth of pool ${pool} at block ${block}`, () =>
        Promise.all([
          this.client.readContract({ ...at, functionName: 'slot0' }),
          this.client.readContract({ ...at, functionName: 'feeGrowthGlobal0X128' }),
          this.client.readContract({ ...at, functionName: 'feeGrowthGlobal1X128' }),
        ]),
      );
      return { tick: Number(slot0[1]), feeGrowthGlobal0X128: g0, feeGrowthGlobal1X128: g1 };
    },
    (p, b) => `${p}@${b}`,
    { maxEntries: 20_000, name: 'pool-fee-growth' },
  );

  private readonly tickAt = memoize(
    async (pool: string, tick: number, block: number): Promise<TickFeeState> => {
      this.reads++;
      const r = await readChain(`ticks(${tick}) of pool ${pool} at block ${block}`, () =>
        this.client.readContract({
          address: pool as Address,
          abi: uniswapV3PoolAbi,
          functionName: 'ticks',
          args: [tick],
          blockNumber: BigInt(block),
        }),
      );
      return { feeGrowthOutside0X128: r[2], feeGrowthOutside1X128: r[3] };
    },
    (p, t, b) => `${p}:${t}@${b}`,
    { maxEntries: 50_000, name: 'pool-tick' },
  );

  constructor(private readonly client: ChainClient) {}

  /**
   * The position's fee state at the end of the block. The pool and its ticks are read
   * only when the position has liquidity (burned and emptied positions accrue nothing);
   * other events of the batch keep the multicalls full meanwhile.
   */
  async read(r: FeeStateRequest): Promise<PositionFeeState> {
    const position = await this.positionAt(r.positionManager.toLowerCase(), r.tokenId, r.blockNumber);
    if (!position) return { kind: 'burned' };
    if (position.liquidity === 0n) return { kind: 'empty', position };
    const pool = r.pool.toLowerCase();
    const [poolState, lower, upper] = await Promise.all([
      this.poolAt(pool, r.blockNumber),
      this.tickAt(pool, r.tickLower, r.blockNumber),
      this.tickAt(pool, r.tickUpper, r.blockNumber),
    ]);
    return { kind: 'live', position, pool: poolState, lower, upper };
  }
}
