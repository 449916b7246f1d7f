import { createHash } from 'node:crypto';
import { POOLS, TOKENS, orderedPoolPrice, priceToSqrtPriceX96, tickSpacingOf, type TokenSpec } from '@lib/local-chain';
import type { DexId } from '@lib/chain';

/**
 * What the scale dataset's history happens on: the local chain's tokens, DEXes and 11 pools
 * (`@lib/local-chain` universe), at addresses derived from fixed labels. The addresses are
 * not Flare's and not the local chain's: nothing can mistake these rows for real ones, and
 * services find the stablecoin, wrapped native token and managers through `serviceEnv`.
 */

export interface DatasetToken extends TokenSpec {
  address: string;
}

export interface DatasetDex {
  id: DexId;
  name: string;
  factory: string;
  positionManager: string;
  swapRouter: string;
}

export interface DatasetPool {
  address: string;
  dex: DexId;
  token0: DatasetToken;
  token1: DatasetToken;
  fee: number;
  tickSpacing: number;
  initialSqrtPriceX96: bigint;
  /** Share of swaps and mints. */
  activity: number;
  label: string;
}

export interface DatasetUniverse {
  tokens: DatasetToken[];
  dexes: DatasetDex[];
  pools: DatasetPool[];
}

/** A lowercase address from a label: the first 20 bytes of its SHA-256. */
export function labelAddress(label: string): string {
  return `0x${createHash('sha256').update(`lp-enrichment scale dataset: ${label}`).digest('hex').slice(0, 40)}`;
}

export function datasetUniverse(): DatasetUniverse {
  const tokens: DatasetToken[] = TOKENS.map((t) => ({ ...t, address: labelAddress(`token ${t.symbol}`) }));
  const byKey = new Map(tokens.map((t) => [t.key, t]));
  const dexes: DatasetDex[] = (['enosys', 'sparkdex'] as const).map((id) => ({
    id,
    name: id === 'enosys' ? 'Enosys V3' : 'SparkDEX V3.1',
    factory: labelAddress(`${id} factory`),
    positionManager: labelAddress(`${id} position manager`),
    swapRouter: labelAddress(`${id} swap router`),
  }));
  const pools: DatasetPool[] = POOLS.map((spec) => {
    const a = byKey.get(spec.a)!;
    const b = byKey.get(spec.b)!;
    const { token0, token1, price1Per0 } = orderedPoolPrice(a, b, a.usdPrice / b.usdPrice);
    return {
      address: labelAddress(`pool ${spec.dex} ${token0.symbol}/${token1.symbol} ${spec.fee}`),
      dex: spec.dex,
      token0,
      token1,
      fee: spec.fee,
      tickSpacing: tickSpacingOf(spec.fee),
      initialSqrtPriceX96: priceToSqrtPriceX96(price1Per0.toPrecision(12), token0.decimals, token1.decimals),
      activity: spec.activity,
      label: `${token0.symbol}/${token1.symbol} ${spec.fee / 10_000}%`,
    };
  });
  return { tokens, dexes, pools };
}

export function tokenBySymbol(universe: DatasetUniverse, symbol: string): DatasetToken {
  const token = universe.tokens.find((t) => t.symbol === symbol);
  if (!token) throw new RangeError(`no token ${symbol}`);
  return token;
}

/**
 * The environment a step service needs for this dataset: its USD stablecoin, wrapped native
 * token and position managers (names as `LP_DEX_MANAGERS` takes them).
 */
export function serviceEnv(universe: DatasetUniverse): Record<string, string> {
  const stable = universe.tokens.filter((t) => t.role === 'stablecoin').map((t) => t.address);
  const wrapped = universe.tokens.find((t) => t.role === 'wrapped-native')!.address;
  return {
    LP_USD_STABLECOINS: stable.join(','),
    LP_WRAPPED_NATIVE: wrapped,
    LP_DEX_MANAGERS: universe.dexes.map((d) => `${d.id}=${d.positionManager}`).join(','),
  };
}
