/** How the local chain is started: flags proven by the reference experiment (real V3 contracts, 100k+ txs). */
export interface AnvilOptions {
  port: number;
  host?: string;
  chainId?: number;
  accounts?: number;
  /** Genesis block timestamp (epoch seconds): fixed, so block timestamps are reproducible. */
  genesisTimestamp?: number;
  /** Block gas limit: hundreds of swaps per block. */
  gasLimit?: bigint;
  /** NonfungiblePositionManager is close to the EIP-170 24 KiB limit; the unoptimised factory/pool code is not. */
  codeSizeLimit?: number;
  /** States kept in memory for reads at past blocks (`eth_call` with a block number). */
  pruneHistory?: number;
  /** Where Anvil may persist states; created and deleted by `startAnvil` when not given. */
  cachePath: string;
  silent?: boolean;
}

/** 2025-01-01T00:00:00Z: month boundaries (rFLR allocations) fall on whole days of chain time. */
export const DEFAULT_GENESIS_TIMESTAMP = 1_735_689_600;

export const DEFAULT_ANVIL = {
  host: '127.0.0.1',
  chainId: 31337,
  accounts: 20,
  genesisTimestamp: DEFAULT_GENESIS_TIMESTAMP,
  gasLimit: 3_000_000_000n,
  codeSizeLimit: 50_000,
  pruneHistory: 100_000,
  silent: true,
} as const;

/** The command line for `anvil` (mining order stays the default `--order fees`, which the scenario relies on). */
export function anvilArgs(options: AnvilOptions): string[] {
  const o = { ...DEFAULT_ANVIL, ...options };
  const args = [
    '--host',
    o.host,
    '--port',
    String(o.port),
    '--chain-id',
    String(o.chainId),
    '--accounts',
    String(o.accounts),
    '--code-size-limit',
    String(o.codeSizeLimit),
    '--gas-limit',
    o.gasLimit.toString(),
    '--timestamp',
    String(o.genesisTimestamp),
    '--prune-history',
    String(o.pruneHistory),
    '--cache-path',
    o.cachePath,
  ];
  if (o.silent) args.push('--silent');
  return args;
}
