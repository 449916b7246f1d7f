import type { Address, Hex } from 'viem';
import type { DexId } from '@lib/chain';
import type { PoolIncentive, RflrAllocation } from './rewards';
import type { ScenarioOptions } from './scenario-options';
import type { TokenRole } from './universe';

/** bigints are written as decimal strings. */
export type PositionShape = 'bootstrap' | 'full' | 'wide' | 'narrow' | 'one-sided';

export interface ManifestToken {
  address: Address;
  symbol: string;
  name: string;
  decimals: number;
  role: TokenRole;
  /** The reference price pools were created at; not the price of any later block. */
  usdPrice: number;
}

export interface ManifestDex {
  id: DexId;
  name: string;
  factory: Address;
  positionManager: Address;
  swapRouter: Address;
}

export interface ManifestPool {
  address: Address;
  dex: DexId;
  factory: Address;
  token0: Address;
  token1: Address;
  symbol0: string;
  symbol1: string;
  fee: number;
  tickSpacing: number;
  createdBlock: string;
  initialSqrtPriceX96: string;
  initialTick: number;
  /** Lowest and highest tick any swap left the pool at, and the final tick: how far prices walked. */
  minTick: number;
  maxTick: number;
  finalTick: number;
  swaps: number;
}

export interface ManifestPosition {
  dex: DexId;
  tokenId: string;
  pool: Address;
  shape: PositionShape;
  tickLower: number;
  tickUpper: number;
  /** Owner at the end (the zero address once burned). */
  owner: Address;
  mintedBlock: string;
  burnedBlock: string | null;
  /** Liquidity at the end. */
  liquidity: string;
}

export interface ScenarioCounts {
  blocks: number;
  setupBlocks: number;
  transactions: number;
  mints: number;
  bootstrapMints: number;
  mintAndBurnSameBlock: number;
  increases: number;
  decreases: number;
  fullDecreases: number;
  collects: number;
  transfers: number;
  burns: number;
  swaps: number;
  /** Planned position actions that found no eligible position at their moment. */
  skippedLpActions: number;
}

export interface ScenarioManifest {
  version: 1;
  seed: number;
  options: Required<ScenarioOptions>;
  chainId: number;
  rpcUrl: string;
  genesisTimestamp: number;
  poolInitCodeHash: Hex;
  accounts: { deployer: Address; liquidityProviders: Address[]; swappers: Address[]; external: Address[] };
  tokens: ManifestToken[];
  dexes: ManifestDex[];
  pools: ManifestPool[];
  /** Token ids minted per DEX; both managers count from 1, so ids overlap across DEXes. */
  tokenIds: Record<DexId, string[]>;
  positions: ManifestPosition[];
  blocks: { first: string; activityFrom: string; last: string };
  timestamps: { first: number; activityFrom: number; last: number };
  counts: ScenarioCounts;
  rewards: { token: Address; symbol: string; decimals: number; allocations: RflrAllocation[] };
  incentives: PoolIncentive[];
  /** Wall-clock figures of this run: the only part that differs between two runs of one seed. */
  timing: { setupMs: number; activityMs: number; totalMs: number; txPerSecond: number };
}

/** The manifest without the run-specific parts (RPC URL, wall-clock timing): equal for equal seeds. */
export function reproducibleManifest(manifest: ScenarioManifest): Omit<ScenarioManifest, 'rpcUrl' | 'timing'> {
  const { rpcUrl: _rpcUrl, timing: _timing, ...rest } = manifest;
  return rest;
}
