import {
  createPublicClient,
  custom,
  encodeErrorResult,
  encodeFunctionResult,
  HttpRequestError,
  multicall3Abi,
  parseAbi,
  TimeoutError,
  type Address,
  type Hex,
} from 'viem';
import { classifyError, statedRetryDelayMs } from '@lib/common';
import { nonfungiblePositionManagerAbi } from './abi/nonfungible-position-manager';
import { ArchiveRequiredError, ChainReadError, classifyRpcError, readChain } from './rpc-error-class';

const MANAGER = '0x1000000000000000000000000000000000000001' as Address;
const INVALID_TOKEN_ID = encodeErrorResult({ abi: parseAbi(['error Error(string)']), errorName: 'Error', args: ['Invalid token ID'] });

/**
 * A viem client whose node answers every `eth_call` with `answer`: the errors below come out
 * of viem's own code paths (batched multicall, error wrapping), not hand-built chains.
 */
function clientAnswering(answer: () => unknown, multicall = true) {
  return createPublicClient({
    transport: custom({ request: async () => answer() }, { retryCount: 0 }),
    batch: multicall ? { multicall: { deployless: true } } : undefined,
  });
}

/** aggregate3's answer: one call that failed with `returnData`, or succeeded. */
const aggregate3 = (success: boolean, returnData: Hex) =>
  encodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', result: [{ success, returnData }] });

const rpcError = (code: number, message: string, data?: Hex) => Object.assign(new Error(message), { code, data });

async function positionsError(answer: () => unknown, multicall = true): Promise<unknown> {
  try {
    await clientAnswering(answer, multicall).readContract({
      address: MANAGER,
      abi: nonfungiblePositionManagerAbi,
      functionName: 'positions',
      args: [7n],
      blockNumber: 100n,
    });
  } catch (error) {
    return error;
  }
  throw new Error('the read did not fail');
}

describe('classifyRpcError over the errors viem really throws', () => {
  it('a burned token: positions() reverts inside the multicall with "Invalid token ID" → revert', async () => {
    const error = await positionsError(() => aggregate3(false, INVALID_TOKEN_ID));
    expect((error as Error).message).toMatch(/Invalid token ID/);
    expect(classifyRpcError(error)).toBe('revert');
  });

  it('an empty revert (no reason) inside the multicall is still a revert: the call ran and said no', async () => {
    expect(classifyRpcError(await positionsError(() => aggregate3(false, '0x')))).toBe('revert');
  });

  it('no contract there (the call answered no data) → revert (absent)', async () => {
    expect(classifyRpcError(await positionsError(() => aggregate3(true, '0x')))).toBe('revert');
  });

  it('a direct eth_call reverting with code 3 and data → revert', async () => {
    expect(classifyRpcError(await positionsError(() => Promise.reject(rpcError(3, 'execution reverted: Invalid token ID', INVALID_TOKEN_ID)), false))).toBe(
      'revert',
    );
  });

  it('−32603 on the batched multicall, which viem calls "the contract function reverted", is transient', async () => {
    const error = await positionsError(() => Promise.reject(rpcError(-32603, 'Internal error')));
    expect((error as Error).message).toMatch(/reverted/); // what fooled the message rule
    expect(classifyRpcError(error)).toBe('transient');
  });

  it.each([
    ['header not found (−32000)', () => rpcError(-32000, 'header not found')],
    ['−32005 limit exceeded', () => rpcError(-32005, 'limit exceeded')],
    ['JSON-RPC 429', () => rpcError(429, 'Too Many Requests')],
    ['HTTP 429', () => new HttpRequestError({ url: 'http://rpc', status: 429 })],
    ['HTTP 503', () => new HttpRequestError({ url: 'http://rpc', status: 503 })],
    [
      'a truncated body (HttpRequestError caused by a SyntaxError)',
      () => new HttpRequestError({ url: 'http://rpc', cause: new SyntaxError('Unexpected end') }),
    ],
    ['a timeout', () => new TimeoutError({ body: {}, url: 'http://rpc' })],
  ])('%s → transient', async (_, make) => {
    expect(classifyRpcError(await positionsError(() => Promise.reject(make())))).toBe('transient');
  });

  it.each([
    ['geth / coreth "missing trie node"', 'missing trie node 1a2b3c (path ) state 0x1a2b is not available, not found'],
    ['geth path scheme', 'historical state 0xabc is not available'],
  ])('%s (−32000) → state-unavailable', async (_, message) => {
    expect(classifyRpcError(await positionsError(() => Promise.reject(rpcError(-32000, message))))).toBe('state-unavailable');
  });

  it('a message without a server-error code is not read: "missing trie node" in a plain Error is unknown', () => {
    expect(classifyRpcError(new Error('missing trie node abc'))).toBe('unknown');
  });

  it.each([
    ['−32602 invalid params', () => rpcError(-32602, 'invalid argument 0')],
    ['−32601 method not found', () => rpcError(-32601, 'the method eth_call does not exist')],
    ['HTTP 401', () => new HttpRequestError({ url: 'http://rpc', status: 401 })],
  ])('%s → deterministic', async (_, make) => {
    expect(classifyRpcError(await positionsError(() => Promise.reject(make())))).toBe('deterministic');
  });

  it("multicall with allowFailure: a failed call's error is classified the same way", async () => {
    const client = clientAnswering(() =>
      encodeFunctionResult({
        abi: multicall3Abi,
        functionName: 'aggregate3',
        result: [
          { success: false, returnData: INVALID_TOKEN_ID },
          { success: true, returnData: '0x' },
        ],
      }),
    );
    const call = { address: MANAGER, abi: nonfungiblePositionManagerAbi, functionName: 'positions', args: [7n] } as const;
    const results = await client.multicall({ contracts: [call, call], allowFailure: true, blockNumber: 100n, multicallAddress: MANAGER });
    expect(results.map((r) => r.status)).toEqual(['failure', 'failure']);
    expect(results.map((r) => classifyRpcError(r.error))).toEqual(['revert', 'revert']);
  });
});

describe('readChain', () => {
  const fail = (error: unknown) => () => Promise.reject(error);

  it('a revert is handed to onRevert (the reader\'s "absent"); without onRevert it is deterministic', async () => {
    const revert = await positionsError(() => aggregate3(false, INVALID_TOKEN_ID));
    await expect(readChain('positions(7) at block 100', fail(revert), () => null)).resolves.toBeNull();
    const thrown = await readChain('slot0 at block 100', fail(revert)).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ChainReadError);
    expect(classifyError(thrown)).toBe('deterministic');
  });

  it('a transient failure is thrown as a transient error the runtime retries (the common classifier alone calls −32603 unknown)', async () => {
    const internal = await positionsError(() => Promise.reject(rpcError(-32603, 'Internal error')));
    expect(classifyError(internal)).toBe('unknown');
    const thrown = await readChain('positions(7) at block 100', fail(internal), () => null).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ChainReadError);
    expect(classifyError(thrown)).toBe('transient');
  });

  it('pruned state is an ArchiveRequiredError naming the read; transient to the runtime, so retried and never dead-lettered', async () => {
    const pruned = await positionsError(() => Promise.reject(rpcError(-32000, 'missing trie node abc (path )')));
    const thrown = await readChain('positions(7) at block 100', fail(pruned), () => null).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ArchiveRequiredError);
    expect((thrown as Error).message).toMatch(/^archive RPC required for positions\(7\) at block 100/);
    expect(classifyError(thrown)).toBe('transient');
    expect(statedRetryDelayMs(thrown)).toBe(15_000); // retried slowly by the batch processor
  });
});
