import { createHash } from 'node:crypto';
import { maxUint128, type Address } from 'viem';
import {
  collectLogsWindowed,
  createChainClient,
  nonfungiblePositionManagerAbi,
  nonfungiblePositionManagerEvents,
  uniswapV3FactoryAbi,
  uniswapV3PoolAbi,
  uniswapV3PoolEvents,
  type ChainClient,
  type WindowLog,
} from '@lib/chain';
import { startAnvil, type RunningAnvil } from './anvil';
import { freePort } from './free-port';
import { reproducibleManifest, type ScenarioManifest } from './manifest';
import { runScenario } from './scenario';

/** The contracts are the oracle: two fresh chains from one seed must agree log for log, and past state must match the events. */

const OPTIONS = { positions: 30, swaps: 200, days: 2, seed: 7, perBlock: 6 };
const SCANNED_EVENTS = [...nonfungiblePositionManagerEvents, ...uniswapV3PoolEvents];

type ScannedLog = WindowLog<typeof SCANNED_EVENTS>;

function hashLogs(
  logs: readonly {
    blockNumber: bigint | null;
    blockHash: string | null;
    transactionHash: string | null;
    logIndex: number | null;
    address: string;
    topics: readonly string[];
    data: string;
  }[],
): string {
  const hash = createHash('sha256');
  for (const log of logs)
    hash.update(JSON.stringify([String(log.blockNumber), log.blockHash, log.transactionHash, log.logIndex, log.address.toLowerCase(), log.topics, log.data]));
  return hash.digest('hex');
}

describe('local chain scenario', () => {
  const anvils: RunningAnvil[] = [];
  const manifests: ScenarioManifest[] = [];
  let client: ChainClient;
  let scanned: ScannedLog[];
  let addresses: Address[];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) anvils.push(await startAnvil({ port: await freePort() }));
    // One after the other: two cores, and the second run must not depend on the first.
    for (const anvil of anvils) manifests.push(await runScenario({ ...OPTIONS, rpcUrl: anvil.url }));
    client = createChainClient(anvils[0].url);
    const m = manifests[0];
    addresses = [...m.dexes.map((d) => d.positionManager), ...m.pools.map((p) => p.address)];
    scanned = await collectLogsWindowed({
      client,
      address: addresses,
      events: SCANNED_EVENTS,
      fromBlock: BigInt(m.blocks.first),
      toBlock: BigInt(m.blocks.last),
      window: 5000,
    });
  }, 240_000);

  afterAll(async () => {
    await Promise.all(anvils.map((anvil) => anvil.stop()));
  });

  it('gives the same manifest and the same logs for the same seed', async () => {
    expect(reproducibleManifest(manifests[0])).toEqual(reproducibleManifest(manifests[1]));
    const [a, b] = await Promise.all(
      anvils.map((anvil) => createChainClient(anvil.url).request({ method: 'eth_getLogs', params: [{ fromBlock: '0x0', toBlock: 'latest' }] })),
    );
    expect(a.length).toBeGreaterThan(1000);
    const toLog = (log: (typeof a)[number]) => ({
      ...log,
      blockNumber: log.blockNumber === null ? null : BigInt(log.blockNumber),
      logIndex: log.logIndex === null ? null : Number(log.logIndex),
    });
    expect(hashLogs(a.map(toLog))).toBe(hashLogs(b.map(toLog)));
  });

  it('produced every kind of position action, over days of chain time', () => {
    const { counts, timestamps } = manifests[0];
    expect(counts.swaps).toBe(OPTIONS.swaps);
    expect(counts.mints).toBe(OPTIONS.positions);
    for (const kind of ['increases', 'decreases', 'fullDecreases', 'collects', 'transfers', 'burns', 'mintAndBurnSameBlock'] as const)
      expect(counts[kind]).toBeGreaterThan(0);
    expect(timestamps.last - timestamps.activityFrom).toBeGreaterThan(1.8 * 86_400);
    expect(manifests[0].rewards.allocations.length).toBeGreaterThan(0);
    expect(manifests[0].incentives.length).toBe(6);
  });

  it("has token id 1 on both position managers, each in its own DEX's pool", async () => {
    const m = manifests[0];
    expect(m.tokenIds.enosys[0]).toBe('1');
    expect(m.tokenIds.sparkdex[0]).toBe('1');
    const pools = await Promise.all(
      m.dexes.map(async (dex) => {
        const position = await client.readContract({ address: dex.positionManager, abi: nonfungiblePositionManagerAbi, functionName: 'positions', args: [1n] });
        expect(position[7]).toBeGreaterThan(0n);
        return client.readContract({ address: dex.factory, abi: uniswapV3FactoryAbi, functionName: 'getPool', args: [position[2], position[3], position[4]] });
      }),
    );
    expect(pools[0]).not.toBe(pools[1]);
    expect(pools).toEqual(m.dexes.map((dex) => m.positions.find((p) => p.dex === dex.id && p.tokenId === '1')?.pool));
  });

  it('reads positions() at past blocks consistent with DecreaseLiquidity events', async () => {
    const burnedIn = new Map(manifests[0].positions.map((p) => [`${p.dex}:${p.tokenId}`, p.burnedBlock]));
    const dexOf = new Map(manifests[0].dexes.map((d) => [d.positionManager.toLowerCase(), d.id]));
    const decreases = scanned.filter(
      (log): log is Extract<ScannedLog, { eventName: 'DecreaseLiquidity' }> =>
        log.eventName === 'DecreaseLiquidity' && burnedIn.get(`${dexOf.get(log.address.toLowerCase())}:${log.args.tokenId}`) !== String(log.blockNumber),
    );
    expect(decreases.length).toBeGreaterThan(3);
    for (const event of decreases.slice(0, 10)) {
      const read = (blockNumber: bigint) =>
        client.readContract({ address: event.address, abi: nonfungiblePositionManagerAbi, functionName: 'positions', args: [event.args.tokenId], blockNumber });
      const [before, after] = await Promise.all([read(event.blockNumber - 1n), read(event.blockNumber)]);
      expect(before[7] - event.args.liquidity).toBe(after[7]);
    }
  });

  it('reads slot0 at a swap block equal to the last Swap of that pool in the block', async () => {
    const lastSwap = new Map<string, Extract<ScannedLog, { eventName: 'Swap' }>>();
    for (const log of scanned) if (log.eventName === 'Swap') lastSwap.set(`${log.address}:${log.blockNumber}`, log);
    const swaps = [...lastSwap.values()];
    const sample = swaps.filter((_, i) => i % Math.max(1, Math.floor(swaps.length / 20)) === 0);
    // Concurrent reads at one block are batched into one deployless multicall (no Multicall3 on Anvil).
    const slots = await Promise.all(
      sample.map((swap) => client.readContract({ address: swap.address, abi: uniswapV3PoolAbi, functionName: 'slot0', blockNumber: swap.blockNumber })),
    );
    sample.forEach((swap, i) => {
      expect(slots[i][0]).toBe(swap.args.sqrtPriceX96);
      expect(slots[i][1]).toBe(swap.args.tick);
    });
  });

  it('simulates collect(max) at the block before a collect equal to what it collected', async () => {
    const decreaseTxs = new Set(scanned.filter((log) => log.eventName === 'DecreaseLiquidity').map((log) => log.transactionHash));
    const managers = new Set(manifests[0].dexes.map((d) => d.positionManager.toLowerCase()));
    const collects = scanned.filter(
      (log): log is Extract<ScannedLog, { eventName: 'Collect' }> & { args: { tokenId: bigint } } =>
        log.eventName === 'Collect' && managers.has(log.address.toLowerCase()) && !decreaseTxs.has(log.transactionHash),
    );
    expect(collects.length).toBeGreaterThan(3);
    for (const event of collects.slice(0, 8)) {
      const blockNumber = event.blockNumber - 1n;
      const owner = await client.readContract({
        address: event.address,
        abi: nonfungiblePositionManagerAbi,
        functionName: 'ownerOf',
        args: [event.args.tokenId],
        blockNumber,
      });
      const { result } = await client.simulateContract({
        address: event.address,
        abi: nonfungiblePositionManagerAbi,
        functionName: 'collect',
        account: owner,
        blockNumber,
        args: [{ tokenId: event.args.tokenId, recipient: owner, amount0Max: maxUint128, amount1Max: maxUint128 }],
      });
      expect(result).toEqual([event.args.amount0, event.args.amount1]);
    }
  });

  it('gets the same logs with windows of 1, 7 and 5000 blocks', async () => {
    const m = manifests[0];
    const windowed = async (window: number) =>
      collectLogsWindowed({ client, address: addresses, events: SCANNED_EVENTS, fromBlock: BigInt(m.blocks.first), toBlock: BigInt(m.blocks.last), window });
    const expected = hashLogs(scanned);
    expect(scanned.length).toBeGreaterThan(500);
    for (const window of [1, 7]) expect(hashLogs(await windowed(window))).toBe(expected);
  });
});
