import { createPublicClient, custom, encodeErrorResult, encodeFunctionResult, multicall3Abi, parseAbi, type Hex } from 'viem';
import { ArchiveRequiredError, nonfungiblePositionManagerAbi, type ChainClient } from '@lib/chain';
import { classifyError } from '@lib/common';
import { FeeStateReader } from './fee-state.reader';

/** The error viem throws for positions() over a batched multicall whose node answers `answer`: real viem wrapping, not a hand-built chain. */
async function viemError(answer: () => unknown): Promise<unknown> {
  const viem = createPublicClient({ transport: custom({ request: async () => answer() }, { retryCount: 0 }), batch: { multicall: { deployless: true } } });
  const read = viem.readContract({
    address: '0x1000000000000000000000000000000000000001',
    abi: nonfungiblePositionManagerAbi,
    functionName: 'positions',
    args: [1n],
  });
  return read.then(
    () => Promise.reject(new Error('the read did not fail')),
    (e: unknown) => e,
  );
}
const rpcError = (code: number, message: string) => Object.assign(new Error(message), { code });
/** positions() of a burned token: the call inside the multicall reverts with Error("Invalid token ID"). */
const INVALID_TOKEN_ID = viemError(() =>
  encodeFunctionResult({
    abi: multicall3Abi,
    functionName: 'aggregate3',
    result: [
      { success: false, returnData: encodeErrorResult({ abi: parseAbi(['error Error(string)']), errorName: 'Error', args: ['Invalid token ID'] }) as Hex },
    ],
  }),
);
/** A JSON-RPC −32603 on the batched eth_call: viem says "reverted", with no revert data. */
const INTERNAL_ERROR = viemError(() => Promise.reject(rpcError(-32603, 'Internal error')));
/** A non-archive node's answer for state it has pruned. */
const MISSING_TRIE_NODE = viemError(() => Promise.reject(rpcError(-32000, 'missing trie node ab12 (path )')));

/** A chain of one live position (#1), one emptied (#2) and nothing else (burned). */
function fakeClient() {
  const calls: string[] = [];
  const client = {
    readContract: async ({ functionName, args, blockNumber }: { functionName: string; args?: unknown[]; blockNumber: bigint }) => {
      calls.push(`${functionName}(${(args ?? []).join(',')})@${blockNumber}`);
      switch (functionName) {
        case 'positions': {
          const id = Number(args![0]);
          if (id > 2) throw await INVALID_TOKEN_ID;
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

  it('a −32603 that viem reports as "reverted" without revert data is not a burn: thrown transient, not memoized; the next read gets the live position', async () => {
    const { client: chain } = fakeClient();
    let failures = 1;
    const client = {
      readContract: async (args: { functionName: string }) => {
        if (args.functionName === 'positions' && failures-- > 0) throw await INTERNAL_ERROR;
        return chain.readContract(args as never);
      },
    } as unknown as ChainClient;
    expect(((await INTERNAL_ERROR) as Error).message).toMatch(/reverted/);
    const reader = new FeeStateReader(client);
    const error = await reader.read(request('1')).catch((e: unknown) => e);
    expect(classifyError(error)).toBe('transient');
    expect((await reader.read(request('1'))).kind).toBe('live');
  });

  it('pruned state at an old block is an ArchiveRequiredError naming the read, and is not memoized either', async () => {
    const { client: chain } = fakeClient();
    let pruned = true;
    const client = {
      readContract: async (args: { functionName: string }) => {
        if (pruned) throw await MISSING_TRIE_NODE;
        return chain.readContract(args as never);
      },
    } as unknown as ChainClient;
    const reader = new FeeStateReader(client);
    const error = await reader.read(request('1', 77)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveRequiredError);
    expect((error as Error).message).toMatch(/^archive RPC required for positions\(1\) of 0xm at block 77/);
    pruned = false;
    expect((await reader.read(request('1', 77))).kind).toBe('live');
  });
});
