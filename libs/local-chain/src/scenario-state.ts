import { getAddress, parseEventLogs, zeroAddress, type Address, type Log } from 'viem';
import { nonfungiblePositionManagerEvents, uniswapV3PoolEvents, type DexId } from '@lib/chain';
import type { DeployedDex, DeployedPool } from './deploy';
import type { PositionShape } from './manifest';
import { accrueExposure, type MonthlyExposure } from './rewards';

/** What the generator knows of the chain: kept from the mined blocks' own logs, never guessed. */

export interface PoolState {
  deployed: DeployedPool;
  sqrtPriceX96: bigint;
  tick: number;
  minTick: number;
  maxTick: number;
  swaps: number;
  /** The current run of same-direction swaps: prices trend, then turn. */
  run: { zeroForOne: boolean; left: number };
}

export interface PositionState {
  key: string;
  dex: DexId;
  manager: Address;
  tokenId: bigint;
  pool: PoolState;
  shape: PositionShape;
  tickLower: number;
  tickUpper: number;
  owner: Address;
  liquidity: bigint;
  mintedBlock: bigint;
  burnedBlock?: bigint;
  /** Rough USD value of the principal, for sizing swaps and rFLR allocations. */
  valueUsd: number;
  valueSince: number;
  exposure: MonthlyExposure;
}

/** A mint sent in the current block; becomes a position when its Transfer from zero is seen. */
export interface PendingMint {
  key: string;
  dex: DexId;
  tokenId: bigint;
  pool: PoolState;
  shape: PositionShape;
  tickLower: number;
  tickUpper: number;
  valueUsd: number;
}

export const positionKey = (dex: DexId, tokenId: bigint) => `${dex}:${tokenId}`;

export class ScenarioState {
  readonly pools: PoolState[];
  readonly positions = new Map<string, PositionState>();
  readonly pending = new Map<string, PendingMint>();
  /** Next token id per manager: both count from 1, every mint succeeds (receipts are checked). */
  readonly nextTokenId: Record<DexId, bigint> = { enosys: 1n, sparkdex: 1n };
  private readonly poolByAddress = new Map<string, PoolState>();
  private readonly dexByManager = new Map<string, DeployedDex>();

  constructor(pools: readonly DeployedPool[], dexes: readonly DeployedDex[]) {
    this.pools = pools.map((deployed) => ({
      deployed,
      sqrtPriceX96: deployed.initialSqrtPriceX96,
      tick: deployed.initialTick,
      minTick: deployed.initialTick,
      maxTick: deployed.initialTick,
      swaps: 0,
      run: { zeroForOne: true, left: 0 },
    }));
    for (const pool of this.pools) this.poolByAddress.set(pool.deployed.address.toLowerCase(), pool);
    for (const dex of dexes) this.dexByManager.set(dex.positionManager.toLowerCase(), dex);
  }

  dex(id: DexId): DeployedDex {
    const dex = [...this.dexByManager.values()].find((d) => d.id === id);
    if (!dex) throw new RangeError(`unknown dex ${id}`);
    return dex;
  }

  /** Live positions in mint order. */
  livePositions(): PositionState[] {
    return [...this.positions.values()].filter((p) => p.burnedBlock === undefined);
  }

  claimTokenId(dex: DexId): bigint {
    const id = this.nextTokenId[dex];
    this.nextTokenId[dex] = id + 1n;
    return id;
  }

  /** Updates positions and prices from a mined block's logs, in log order. */
  applyBlock(logs: readonly Log[], blockNumber: bigint, timestamp: number): void {
    const managerLogs = logs.filter((log) => this.dexByManager.has(log.address.toLowerCase()));
    const poolLogs = logs.filter((log) => this.poolByAddress.has(log.address.toLowerCase()));
    for (const log of parseEventLogs({ abi: nonfungiblePositionManagerEvents, logs: managerLogs })) {
      const dex = this.dexByManager.get(log.address.toLowerCase())!.id;
      const key = positionKey(dex, log.args.tokenId);
      if (log.eventName === 'Transfer' && log.args.from === zeroAddress) {
        const mint = this.pending.get(key);
        if (!mint) throw new Error(`unexpected mint of ${key}: token ids went out of step`);
        this.pending.delete(key);
        this.positions.set(key, {
          ...mint,
          manager: getAddress(log.address),
          owner: log.args.to,
          liquidity: 0n,
          mintedBlock: blockNumber,
          valueSince: timestamp,
          exposure: new Map(),
        });
        continue;
      }
      const position = this.positions.get(key);
      if (!position) throw new Error(`event for unknown position ${key}`);
      switch (log.eventName) {
        case 'IncreaseLiquidity':
          position.liquidity += log.args.liquidity;
          break;
        case 'DecreaseLiquidity':
          position.liquidity -= log.args.liquidity;
          break;
        case 'Transfer':
          position.owner = log.args.to;
          if (log.args.to === zeroAddress) {
            position.burnedBlock = blockNumber;
            this.revalue(position, 0, timestamp);
          }
          break;
        case 'Collect':
          break;
      }
    }
    for (const log of parseEventLogs({ abi: uniswapV3PoolEvents, logs: poolLogs })) {
      if (log.eventName !== 'Swap') continue;
      const pool = this.poolByAddress.get(log.address.toLowerCase())!;
      pool.sqrtPriceX96 = log.args.sqrtPriceX96;
      pool.tick = log.args.tick;
      pool.minTick = Math.min(pool.minTick, pool.tick);
      pool.maxTick = Math.max(pool.maxTick, pool.tick);
      pool.swaps++;
    }
  }

  /** Sets a position's USD value from `timestamp` on, accruing the old value's exposure until then. */
  revalue(position: PositionState, valueUsd: number, timestamp: number): void {
    accrueExposure(position.exposure, position.valueUsd, position.valueSince, timestamp);
    position.valueUsd = valueUsd;
    position.valueSince = timestamp;
  }

  /** Depth of a pool in USD: what swaps are sized against. */
  depthUsd(pool: PoolState): number {
    let sum = 0;
    for (const position of this.positions.values()) if (position.pool === pool && position.burnedBlock === undefined) sum += position.valueUsd;
    return sum;
  }
}
