import type { Address } from 'viem';

/**
 * Flare mainnet (chain id 14) contracts of the two DEXes, in one place.
 *
 * Not verified on chain from this machine (no Flare RPC here). Each address below is the one
 * published by the DEX and used identically by several independent Flare LP tools; verify with
 * `factory()` on the manager (must return the factory) before the first production run.
 * Pools are found with the factory's `getPool`: the forks' pool init code hashes differ from Uniswap's.
 */
export type DexId = 'enosys' | 'sparkdex';

export interface DexAddresses {
  id: DexId;
  /** Human name, as stored in `"PoolIncentive".dex`. */
  name: string;
  factory: Address;
  positionManager: Address;
  swapRouter: Address;
}

export const FLARE_DEXES: Readonly<Record<DexId, DexAddresses>> = {
  enosys: {
    id: 'enosys',
    name: 'Enosys V3',
    factory: '0x17AA157AC8C54034381b840Cb8f6bf7Fc355f0de',
    positionManager: '0xD9770b1C7A6ccd33C75b5bcB1c0078f46bE46657',
    swapRouter: '0x5FD34090E9b195d8482Ad3CC63dB078534F1b113',
  },
  sparkdex: {
    id: 'sparkdex',
    name: 'SparkDEX V3.1',
    factory: '0x8A2578d23d4C532cC9A98FaD91C0523f5efDE652',
    positionManager: '0xEE5FF5Bc5F852764b5584d92A4d592A53DC527da',
    swapRouter: '0x8a1E35F5c98C4E85B36B7B253222eE17773b2781',
  },
};

/** Tokens the price module needs by address on Flare. */
export const FLARE_TOKENS = {
  /** Wrapped FLR (WNat), the wrapped-native leg of most pools. */
  WFLR: '0x1D80c49BbBCd1C0911346656B529DF9E5c2F783d',
  /** USD₮0 (LayerZero OFT Tether), 6 decimals: a configured USD stablecoin. */
  USDT0: '0xe7cd86e13AC4309349F30B3435a9d337750fC82D',
  // TODO: verify before use: FXRP (FAssets XRP, 6 decimals), recalled from memory and seen in one source only.
  FXRP: '0xAd552A648C74D49E10027AB8a618A3ad4901c5bE',
} as const satisfies Record<string, Address>;

/** Flare's Multicall3 at the canonical address (viem's `flare` chain knows it, created at block 3,002,461). */
export const FLARE_MULTICALL3: Address = '0xcA11bde05977b3631167028862bE2a173976CA11';

/** Flare's public RPC refuses `eth_getLogs` over more than 30 blocks. */
export const FLARE_PUBLIC_RPC_MAX_LOG_RANGE = 30;

/** Which DEX a position manager belongs to (case-insensitive), on Flare. */
export function flareDexByPositionManager(address: string): DexAddresses | undefined {
  const lower = address.toLowerCase();
  return Object.values(FLARE_DEXES).find((dex) => dex.positionManager.toLowerCase() === lower);
}
