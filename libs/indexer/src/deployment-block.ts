/**
 * The block a contract was deployed in, by binary search on `eth_getCode` (about 26 calls
 * on Flare). Lets the indexer start at a DEX's first block without a hard-coded number;
 * it needs an archive RPC (state at past blocks), as the enrichment does anyway.
 */
import type { Address } from 'viem';
import { retry, type ChainClient, type RetryOptions } from '@lib/chain';

export class DeploymentBlockError extends Error {}

export async function findDeploymentBlock(client: ChainClient, address: Address, latest: number, options: { retry?: RetryOptions } = {}): Promise<number> {
  const hasCode = async (block: number) => {
    const code = await retry(() => client.getCode({ address, blockNumber: BigInt(block) }), options.retry);
    return code !== undefined && code !== '0x';
  };
  if (!(await hasCode(latest))) throw new DeploymentBlockError(`no contract at ${address} at block ${latest}`);
  let low = 0; // no code here (or block 0)
  let high = latest; // code here
  if (await hasCode(0)) return 0;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (await hasCode(middle)) high = middle;
    else low = middle;
  }
  return high;
}
