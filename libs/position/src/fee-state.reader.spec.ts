import type { ChainClient } from '@lib/chain';
import { FeeStateReader } from './fee-state.reader';

/** A chain of one live position (#1), one emptied (#2) and nothing else (burned). */
function fakeClient() {
  const calls: string[] = [];
  const client = {
    readContract: async ({ functionName, args, blockNumber }: { functionName: string; args?: unknown[]; blockNumber: bigint }) => {
      calls.push(`${functionName}(${(args ?? []).join(',')})@${blockNumber}`);
      switch (functionName) {
        case 'positions': {
          const id = Number(args![0]);
          if (id > 2) throw new Error('The contract function "positions" reverted with the following reason:\nInvalid token ID');
          return [0n, '0x', '0x', '0x', 3000, -60, 60, id === 1 ? 100n : 0n, 1n, 2n, 3n, 4n];
        }
        case 'slot0':
          return [2n ** 96n, 5, 0, 1, 1, 0, true];
        case 'feeGrowthGlobal0X128':
          return 10n;
        case 'feeGrowthGlobal1X128':
          return 20n;
        case 'ticks':
          return [1n, 1n, 7n, 8n, 0n, 0n, 0, true];
        default:
          throw new Error(`unexpected ${functionName}`);
      }
    },
  };
  return { client: client as unknown as ChainClient, calls };
}

const request = (tokenId: string, blockNumber = 50) => ({ positionManager: '0xM', tokenId, pool: '0xP', tickLower: -60, tickUpper: 60, blockNumber });

describe('FeeStateReader', () => {
  it('reads positions(), then the pool and both ticks at the same block for a live position', async () => {
    const { client, calls } = fakeClient();
    const reader = new FeeStateReader(client);
    const s = await reader.read(request('1'));
    expect(s).toEqual({
      kind: 'live',
      position: { liquidity: 100n, feeGrowthInside0LastX128: 1n, feeGrowthInside1LastX128: 2n, tokensOwed0: 3n, tokensOwed1: 4n },
      pool: { tick: 5, feeGrowthGlobal0X128: 10n, feeGrowthGlobal1X128: 20n },
      lower: { feeGrowthOutside0X128: 7n, feeGrowthOutside1X128: 8n },
      upper: { feeGrowthOutside0X128: 7n, feeGrowthOutside1X128: 8n },
    });
    expect(calls.every((c) => c.endsWith('@50'))).toBe(true);
    expect(reader.reads).toBe(6);
  });

  it('caches per (pool, block) and per position and block: a second event at that block costs nothing', async () => {
    const { client, calls } = fakeClient();
    const reader = new FeeStateReader(client);
    await Promise.all([reader.read(request('1')), reader.read(request('1'))]);
    expect(calls).toHaveLength(6);
    await reader.read(request('1', 51));
    expect(reader.reads).toBe(12);
  });

  it('an emptied position needs no pool reads; a burned one (positions() reverts) is a fact, not an error', async () => {
    const { client } = fakeClient();
    const reader = new FeeStateReader(client);
    expect((await reader.read(request('2'))).kind).toBe('empty');
    expect(await reader.read(request('3'))).toEqual({ kind: 'burned' });
    expect(reader.reads).toBe(2);
  });

  it('passes other failures on, for the runtime to retry', async () => {
    const client = {
      readContract: async () => {
        throw new Error('fetch failed: ECONNREFUSED');
      },
    } as unknown as ChainClient;
    await expect(new FeeStateReader(client).read(request('1'))).rejects.toThrow(/ECONNREFUSED/);
  });
});
