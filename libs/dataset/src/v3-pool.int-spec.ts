import type { Address } from 'viem';
import {
  collectLogsWindowed,
  createChainClient,
  nonfungiblePositionManagerEvents,
  uniswapV3PoolAbi,
  uniswapV3PoolEvents,
  type ChainClient,
  type WindowLog,
} from '@lib/chain';
import { freePort, runScenario, startAnvil, type RunningAnvil, type ScenarioManifest } from '@lib/local-chain';
import { MAX_UINT128 } from '@lib/v3-math';
import type { EmittedLog } from './emitted-log';
import { PositionManager, type SimulatedPool } from './position-manager';
import { V3Pool } from './v3-pool';

/**
 * The oracle of the scale dataset's math: the real Uniswap V3 contracts. A seeded scenario
 * runs on Anvil; its transactions are then replayed through the simulated pools and position
 * managers, and every pool and manager log they emit must equal the chain's, field for field
 * (amounts, sqrt prices, ticks, in-range liquidity, fees collected), and the pools' fee growth
 * and liquidity at the end must equal the contracts' state.
 */

const OPTIONS = { positions: 60, swaps: 800, days: 2, seed: 11, perBlock: 10 };
const EVENTS = [...nonfungiblePositionManagerEvents, ...uniswapV3PoolEvents];
const ZERO = '0x0000000000000000000000000000000000000000';
type ChainLog = WindowLog<typeof EVENTS>;

/** A log as comparable JSON: arguments by name, addresses lowercase, bigints as strings. */
function comparable(address: string, eventName: string, args: object): string {
  const sorted = Object.fromEntries(Object.entries(args).sort(([a], [b]) => a.localeCompare(b)));
  return JSON.stringify({ address: address.toLowerCase(), eventName, args: sorted }, (_, v) =>
    typeof v === 'bigint' ? v.toString() : typeof v === 'string' && v.startsWith('0x') ? v.toLowerCase() : v,
  );
}

function groupByTransaction(logs: readonly ChainLog[]): ChainLog[][] {
  const out: ChainLog[][] = [];
  for (const log of logs) {
    const last = out[out.length - 1];
    if (last && last[0]!.transactionHash === log.transactionHash) last.push(log);
    else out.push([log]);
  }
  return out;
}

describe('simulated V3 pools and position managers against the real contracts', () => {
  let anvil: RunningAnvil;
  let manifest: ScenarioManifest;
  let client: ChainClient;
  let transactions: ChainLog[][];
  const pools = new Map<string, SimulatedPool>();

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    manifest = await runScenario({ ...OPTIONS, rpcUrl: anvil.url });
    client = createChainClient(anvil.url);
    const address = [...manifest.dexes.map((d) => d.positionManager), ...manifest.pools.map((p) => p.address)];
    const logs = await collectLogsWindowed({
      client,
      address,
      events: EVENTS,
      fromBlock: BigInt(manifest.blocks.first),
      toBlock: BigInt(manifest.blocks.last),
      window: 5000,
    });
    transactions = groupByTransaction(logs);
  }, 240_000);

  afterAll(async () => {
    await anvil?.stop();
  });

  it('emits every pool and position manager log of the chain, to the wei', () => {
    const managers = new Map(manifest.dexes.map((d) => [d.positionManager.toLowerCase(), new PositionManager(d.positionManager.toLowerCase())]));
    const poolSpecs = new Map(manifest.pools.map((p) => [p.address.toLowerCase(), p]));
    let compared = 0;
    let crossing = 0; // swaps that crossed an initialized tick
    const kinds = new Set<string>();

    for (const tx of transactions) {
      const emitted: EmittedLog[] = [];
      const mintedHere = new Set<string>();
      tx.forEach((log, i) => {
        const address = log.address.toLowerCase();
        const manager = managers.get(address);
        if (!manager) {
          if (log.eventName === 'Initialize') {
            const spec = poolSpecs.get(address)!;
            pools.set(address, { address, pool: new V3Pool(spec.fee, spec.tickSpacing, log.args.sqrtPriceX96) });
            emitted.push({
              kind: 'pool',
              address: address as Address,
              eventName: 'Initialize',
              args: { sqrtPriceX96: log.args.sqrtPriceX96, tick: log.args.tick },
            });
          } else if (log.eventName === 'Swap') {
            const { pool } = pools.get(address)!;
            const zeroForOne = log.args.amount0 > 0n;
            const before = pool.liquidity;
            const r = pool.swap(zeroForOne, zeroForOne ? log.args.amount0 : log.args.amount1);
            if (r.liquidity !== before) crossing++;
            emitted.push({
              kind: 'pool',
              address: address as Address,
              eventName: 'Swap',
              args: {
                sender: log.args.sender,
                recipient: log.args.recipient,
                amount0: r.amount0,
                amount1: r.amount1,
                sqrtPriceX96: r.sqrtPriceX96,
                liquidity: r.liquidity,
                tick: r.tick,
              },
            });
          }
          // Mint, Burn and Collect of a pool come from the manager's calls below.
          return;
        }
        switch (log.eventName) {
          case 'Transfer': {
            const { from, to, tokenId } = log.args;
            if (from.toLowerCase() === ZERO) {
              // mint(): the pool's Mint just before it tells the pool, range and liquidity.
              const mint = tx
                .slice(0, i)
                .reverse()
                .find((l) => l.eventName === 'Mint');
              if (!mint || mint.eventName !== 'Mint') throw new Error(`no pool Mint before the mint of ${tokenId}`);
              const pool = pools.get(mint.address.toLowerCase())!;
              const minted = manager.mint(pool, mint.args.tickLower, mint.args.tickUpper, mint.args.amount, to.toLowerCase(), emitted);
              expect(minted.position.tokenId).toBe(tokenId);
              mintedHere.add(tokenId.toString());
            } else if (to.toLowerCase() === ZERO) manager.burn(tokenId, emitted);
            else manager.transfer(tokenId, to.toLowerCase(), emitted);
            break;
          }
          case 'IncreaseLiquidity':
            if (!mintedHere.has(log.args.tokenId.toString())) manager.increaseLiquidity(log.args.tokenId, log.args.liquidity, emitted);
            break;
          case 'DecreaseLiquidity':
            manager.decreaseLiquidity(log.args.tokenId, log.args.liquidity, emitted);
            break;
          case 'Collect': {
            // The manager's Collect (the pool's has the same name and other fields).
            const args = log.args as { tokenId: bigint; recipient: string };
            manager.collect(args.tokenId, args.recipient.toLowerCase(), MAX_UINT128, MAX_UINT128, emitted);
            break;
          }
        }
      });

      const expected = tx.map((l) => comparable(l.address, l.eventName, l.args));
      const actual = emitted.flatMap((l) => (l.kind === 'other' ? [] : [comparable(l.address, l.eventName, l.args)]));
      expect(actual).toEqual(expected);
      compared += expected.length;
      for (const l of tx) kinds.add(l.eventName);
    }
    expect(compared).toBeGreaterThan(800);
    expect(crossing).toBeGreaterThan(5);
    expect([...kinds].sort()).toEqual(['Burn', 'Collect', 'DecreaseLiquidity', 'IncreaseLiquidity', 'Initialize', 'Mint', 'Swap', 'Transfer']);
  });

  it("ends with the pools' price, liquidity and fee growth of the contracts", async () => {
    expect(pools.size).toBe(manifest.pools.length);
    for (const [address, { pool }] of pools) {
      const at = { address: address as Address, abi: uniswapV3PoolAbi, blockNumber: BigInt(manifest.blocks.last) } as const;
      const [slot0, liquidity, growth0, growth1] = await Promise.all([
        client.readContract({ ...at, functionName: 'slot0' }),
        client.readContract({ ...at, functionName: 'liquidity' }),
        client.readContract({ ...at, functionName: 'feeGrowthGlobal0X128' }),
        client.readContract({ ...at, functionName: 'feeGrowthGlobal1X128' }),
      ]);
      expect({
        sqrtPriceX96: pool.sqrtPriceX96,
        tick: pool.tick,
        liquidity: pool.liquidity,
        growth0: pool.feeGrowthGlobal0X128,
        growth1: pool.feeGrowthGlobal1X128,
      }).toEqual({
        sqrtPriceX96: slot0[0],
        tick: Number(slot0[1]),
        liquidity,
        growth0,
        growth1,
      });
    }
  });
});
