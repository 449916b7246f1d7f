import type { Chain } from 'viem';
import { anvil, flare } from 'viem/chains';

export const FLARE_CHAIN_ID = 14;
export const LOCAL_CHAIN_ID = 31337;

/** The chains this project talks to; an unknown id still works, without the chain's Multicall3 address. */
export function chainById(chainId: number): Chain | undefined {
  if (chainId === FLARE_CHAIN_ID) return flare;
  if (chainId === LOCAL_CHAIN_ID) return anvil;
  return undefined;
}
