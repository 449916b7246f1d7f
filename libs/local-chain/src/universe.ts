import type { DexId } from '@lib/chain';

/** What exists on the local chain: Flare-like tokens and the pools of two V3 deployments. */

export type TokenKey = 'USDT0' | 'WFLR' | 'FXRP' | 'SFLR' | 'WETH' | 'RFLR' | 'SPRK';
export type TokenRole = 'stablecoin' | 'wrapped-native' | 'asset' | 'reward';

export interface TokenSpec {
  key: TokenKey;
  name: string;
  symbol: string;
  decimals: number;
  role: TokenRole;
  /** Reference USD price: sets pool prices at creation and sizes amounts; pools then drift on their own. */
  usdPrice: number;
}

/** Deployment order (so addresses and hence token0/token1 order) is part of the reproducible chain. */
export const TOKENS: readonly TokenSpec[] = [
  { key: 'USDT0', name: 'USD₮0', symbol: 'USDT0', decimals: 6, role: 'stablecoin', usdPrice: 1 },
  { key: 'WFLR', name: 'Wrapped Flare', symbol: 'WFLR', decimals: 18, role: 'wrapped-native', usdPrice: 0.0213 },
  { key: 'FXRP', name: 'FAsset XRP', symbol: 'FXRP', decimals: 6, role: 'asset', usdPrice: 2.35 },
  { key: 'SFLR', name: 'Staked FLR', symbol: 'sFLR', decimals: 18, role: 'asset', usdPrice: 0.0241 },
  { key: 'WETH', name: 'Wrapped Ether', symbol: 'WETH', decimals: 18, role: 'asset', usdPrice: 3350 },
  // Reward tokens: incentive programs pay in them; never pooled.
  { key: 'RFLR', name: 'Reward Flare', symbol: 'rFLR', decimals: 18, role: 'reward', usdPrice: 0.0213 },
  { key: 'SPRK', name: 'SparkDEX', symbol: 'SPRK', decimals: 18, role: 'reward', usdPrice: 0.048 },
];

export const TRADED_TOKENS = TOKENS.filter((token) => token.role !== 'reward');

export function tokenSpec(key: TokenKey): TokenSpec {
  const spec = TOKENS.find((token) => token.key === key);
  if (!spec) throw new RangeError(`unknown token ${key}`);
  return spec;
}

export interface DexSpec {
  id: DexId;
  name: string;
}

export const DEXES: readonly DexSpec[] = [
  { id: 'enosys', name: 'Enosys V3' },
  { id: 'sparkdex', name: 'SparkDEX V3.1' },
];

export interface PoolSpec {
  dex: DexId;
  a: TokenKey;
  b: TokenKey;
  fee: 500 | 3000 | 10000;
  /** Share of the scenario's swaps and mints. */
  activity: number;
}

/** Every fee tier on both DEXes, the WFLR/USD₮0 stablecoin pair on both, wrapped-native pairs, and one pair on two tiers. */
export const POOLS: readonly PoolSpec[] = [
  { dex: 'enosys', a: 'WFLR', b: 'USDT0', fee: 500, activity: 5 },
  { dex: 'enosys', a: 'WFLR', b: 'USDT0', fee: 3000, activity: 2 },
  { dex: 'enosys', a: 'FXRP', b: 'WFLR', fee: 3000, activity: 3 },
  { dex: 'enosys', a: 'SFLR', b: 'WFLR', fee: 500, activity: 2 },
  { dex: 'enosys', a: 'WETH', b: 'WFLR', fee: 10000, activity: 1 },
  { dex: 'enosys', a: 'FXRP', b: 'USDT0', fee: 10000, activity: 1 },
  { dex: 'sparkdex', a: 'WFLR', b: 'USDT0', fee: 500, activity: 4 },
  { dex: 'sparkdex', a: 'FXRP', b: 'USDT0', fee: 500, activity: 3 },
  { dex: 'sparkdex', a: 'FXRP', b: 'WFLR', fee: 10000, activity: 2 },
  { dex: 'sparkdex', a: 'WETH', b: 'USDT0', fee: 3000, activity: 2 },
  { dex: 'sparkdex', a: 'SFLR', b: 'WFLR', fee: 3000, activity: 1 },
];
