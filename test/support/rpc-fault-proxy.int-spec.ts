import type { Address } from 'viem';
import { classifyRpcError, createChainClient, nonfungiblePositionManagerAbi, type RpcErrorKind } from '@lib/chain';
import { sharedChain } from './chain-fixture';
import { RpcFaultProxy, type RpcFaultKind } from './rpc-fault-proxy';

/**
 * The fault proxy in front of the shared Anvil: it forwards single and batched JSON-RPC
 * unchanged, and each kind of fault it injects reaches a viem client as that kind of
 * failure (the oracle: the node's own answers, read directly).
 */
describe('RpcFaultProxy', () => {
  const chain = sharedChain();
  const manager = chain.manifest.dexes[0].positionManager as Address;
  const tokenId = BigInt(chain.manifest.tokenIds[chain.manifest.dexes[0].id][0]);
  const block = BigInt(chain.manifest.blocks.last);
  const positions = { address: manager, abi: nonfungiblePositionManagerAbi, functionName: 'positions', args: [tokenId], blockNumber: block } as const;
  let proxy: RpcFaultProxy | undefined;

  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  it('forwards single and batched requests: the same answers as the node', async () => {
    proxy = await RpcFaultProxy.start({ upstream: chain.rpcUrl, rate: 0 });
    const direct = createChainClient(chain.rpcUrl);
    const viaProxy = createChainClient(proxy.url);
    expect(await viaProxy.readContract(positions)).toEqual(await direct.readContract(positions));
    expect(await viaProxy.getBlockNumber()).toBe(await direct.getBlockNumber());

    const batch = [
      { jsonrpc: '2.0', id: 7, method: 'eth_blockNumber', params: [] },
      { jsonrpc: '2.0', id: 8, method: 'eth_getBlockByNumber', params: [`0x${block.toString(16)}`, false] },
    ];
    const post = async (url: string) =>
      (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) })).json();
    const [proxied, upstream] = (await Promise.all([post(proxy.url), post(chain.rpcUrl)])) as { id: number; result: unknown }[][];
    expect(proxied.map((a) => a.id)).toEqual([7, 8]);
    expect(proxied).toEqual(upstream);
    expect(proxy.injectedTotal).toBe(0);
    expect(proxy.counts.calls).toBeGreaterThanOrEqual(4);
  });

  it('a real revert passes through: positions() of a token never minted is a revert', async () => {
    proxy = await RpcFaultProxy.start({ upstream: chain.rpcUrl, rate: 0 });
    const error = await createChainClient(proxy.url)
      .readContract({ ...positions, args: [10n ** 12n] })
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/Invalid token ID/);
    expect(classifyRpcError(error)).toBe('revert');
  });

  it.each<[RpcFaultKind, RpcErrorKind]>([
    ['internal-error', 'transient'],
    ['header-not-found', 'transient'],
    ['rate-limit', 'transient'],
    ['timeout', 'transient'],
    ['truncated', 'transient'],
    ['pruned-state', 'state-unavailable'],
  ])('injects %s, which a viem read sees as %s', async (kind, expected) => {
    proxy = await RpcFaultProxy.start({ upstream: chain.rpcUrl, rate: 1, kinds: [kind], seed: 3 });
    const client = createChainClient(proxy.url, { retryCount: 0, timeoutMs: 1_000 });
    const error = await client.readContract(positions).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(classifyRpcError(error)).toBe(expected);
    expect(proxy.counts.injected[kind]).toBe(1);
    expect(proxy.injectedTotal).toBe(1);
    // Methods that are not eligible (default: only eth_call) go through.
    expect(await client.getBlockNumber()).toBeGreaterThan(0n);
  });

  it('a 429 carries Retry-After', async () => {
    proxy = await RpcFaultProxy.start({ upstream: chain.rpcUrl, rate: 1, kinds: ['rate-limit'], retryAfterSeconds: 2, eligible: () => true });
    const res = await fetch(proxy.url, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }) });
    expect([res.status, res.headers.get('retry-after')]).toEqual([429, '2']);
  });

  it('a burst fails the same request that many times in a row, then lets it through; the same seed draws the same faults', async () => {
    const run = async (seed: number) => {
      const p = await RpcFaultProxy.start({ upstream: chain.rpcUrl, rate: 0.5, burst: 3, seed, kinds: ['internal-error', 'header-not-found'] });
      const client = createChainClient(p.url, { retryCount: 0 });
      const outcomes: string[] = [];
      for (let i = 0; i < 12; i++)
        outcomes.push(
          await client.readContract(positions).then(
            () => 'ok',
            (e: unknown) => classifyRpcError(e),
          ),
        );
      await p.close();
      return { outcomes, injected: p.counts.injected };
    };
    const a = await run(11);
    expect(a).toEqual(await run(11));
    const joined = a.outcomes.join(',');
    expect(joined).toMatch(/transient,transient,transient/);
    expect(joined).not.toMatch(/transient,transient,transient,transient/);
    expect(a.outcomes.filter((o) => o === 'transient')).toHaveLength(a.injected['internal-error'] + a.injected['header-not-found']);
  });

  it('pruneHistoricalState answers every eth_call at a block number with the pruned-state error, and nothing else', async () => {
    proxy = await RpcFaultProxy.start({ upstream: chain.rpcUrl, pruneHistoricalState: true });
    const client = createChainClient(proxy.url, { retryCount: 0 });
    for (let i = 0; i < 3; i++) expect(classifyRpcError(await client.readContract(positions).catch((e: unknown) => e))).toBe('state-unavailable');
    expect(await client.readContract({ ...positions, blockNumber: undefined })).toBeDefined(); // "latest" is not historical
    expect(proxy.counts.injected['pruned-state']).toBe(3);
  });
});
