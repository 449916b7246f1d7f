import type { ChainClient } from '@lib/chain';
import { DeploymentBlockError, findDeploymentBlock } from './deployment-block';

/** A chain where the contract has code from block `deployedAt` on. */
function fakeClient(deployedAt: number, calls: number[] = []): ChainClient {
  return {
    getCode: async ({ blockNumber }: { blockNumber: bigint }) => {
      calls.push(Number(blockNumber));
      return Number(blockNumber) >= deployedAt ? '0x6080' : undefined;
    },
  } as unknown as ChainClient;
}

describe('findDeploymentBlock', () => {
  it.each([0, 1, 17, 999_999, 1_000_000])('finds block %i by binary search', async (deployedAt) => {
    const calls: number[] = [];
    expect(await findDeploymentBlock(fakeClient(deployedAt, calls), '0x0000000000000000000000000000000000000001', 1_000_000)).toBe(deployedAt);
    expect(calls.length).toBeLessThanOrEqual(23);
  });

  it('refuses an address without code at the latest block', async () => {
    await expect(findDeploymentBlock(fakeClient(2_000), '0x0000000000000000000000000000000000000001', 1_000)).rejects.toThrow(DeploymentBlockError);
  });
});
