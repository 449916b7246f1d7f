import { createPublicClient, http, type Chain, type HttpTransport, type PublicClient } from 'viem';
import type { AppConfig } from '@lib/config';
import { chainById } from './chains';
import { observedTransport } from './observed-transport';

export type ChainClient = PublicClient<HttpTransport, Chain | undefined>;

export interface ChainClientOptions {
  /** The chain, when known: its Multicall3 is used for batching; otherwise multicall is deployless. */
  chain?: Chain;
  /** Per HTTP request. */
  timeoutMs?: number;
  /** viem's default (10 MiB) is too small for wide `eth_getLogs` windows; 22 MB were seen at 20k swaps. */
  maxResponseBodySize?: number;
  /** viem transport retries of its own (429/5xx, with backoff). `getLogsWindowed` turns them off for its requests. */
  retryCount?: number;
  /** Calldata bytes per Multicall3 `aggregate3` batch. */
  multicallBatchSize?: number;
  /** Told the method of every JSON-RPC request the client makes (metrics). */
  onRequest?: (method: string) => void;
}

export const DEFAULT_CLIENT_OPTIONS = {
  timeoutMs: 60_000,
  maxResponseBodySize: 512 * 2 ** 20,
  retryCount: 3,
  multicallBatchSize: 8_192,
} as const;

export interface MulticallBatch {
  batchSize: number;
  /**
   * Deployless multicall runs Multicall3 as constructor code inside the `eth_call`, so batching
   * works at any block on any chain, the local Anvil (no Multicall3 deployed) included.
   */
  deployless: boolean;
}

/** Multicall3 where the chain has it deployed (cheaper calls), deployless everywhere else. */
export function multicallBatchFor(chain: Chain | undefined, batchSize: number = DEFAULT_CLIENT_OPTIONS.multicallBatchSize): MulticallBatch {
  return { batchSize, deployless: chain?.contracts?.multicall3 === undefined };
}

/**
 * A public client for chain reads: concurrent `readContract` calls (same block) are batched into
 * one multicall; `blockNumber` reads past state (archive node in production, full history locally).
 */
export function createChainClient(rpcUrl: string, options: ChainClientOptions = {}): ChainClient {
  const base = http(rpcUrl, {
    timeout: options.timeoutMs ?? DEFAULT_CLIENT_OPTIONS.timeoutMs,
    maxResponseBodySize: options.maxResponseBodySize ?? DEFAULT_CLIENT_OPTIONS.maxResponseBodySize,
    retryCount: options.retryCount ?? DEFAULT_CLIENT_OPTIONS.retryCount,
  });
  const transport = options.onRequest ? observedTransport(base, options.onRequest) : base;
  return createPublicClient({
    chain: options.chain,
    transport,
    batch: { multicall: multicallBatchFor(options.chain, options.multicallBatchSize) },
    // Past-block answers never change and "latest" is asked explicitly; viem's 4 s cache of block numbers only hides new blocks.
    cacheTime: 0,
    pollingInterval: 250,
  });
}

/** Asks the RPC for its chain id first, so a known chain (Flare) gets its Multicall3. */
export async function connectChainClient(rpcUrl: string, options: Omit<ChainClientOptions, 'chain'> = {}): Promise<ChainClient> {
  const probe = createChainClient(rpcUrl, options);
  const chainId = await probe.getChainId();
  return createChainClient(rpcUrl, { ...options, chain: chainById(chainId) });
}

/** The client for the configured RPC (`ANKR_HTTP_URL`, else `FLARE_RPC_URL`, else the local chain). */
export function connectConfiguredChainClient(config: Pick<AppConfig, 'rpcUrl'>, options: Omit<ChainClientOptions, 'chain'> = {}): Promise<ChainClient> {
  return connectChainClient(config.rpcUrl, options);
}
