import { getAddress, keccak256, stringToHex, zeroAddress, type Address } from 'viem';
import { createChainClient, type DexId } from '@lib/chain';
import { BlockSender, type ChainTx } from './block-sender';
import { createPools, deployLocalDexes, type LocalDeployment, type DeployedPool } from './deploy';
import type { ManifestPool, ManifestPosition, ScenarioCounts, ScenarioManifest } from './manifest';
import { allocateRflr, planIncentives, type PositionExposure } from './rewards';
import { createRng } from './rng';
import { buildLpAction, buildMint, buildMintAndBurn, buildSwap, type ActionContext } from './scenario-actions';
import { resolveScenarioOptions, type ScenarioOptions } from './scenario-options';
import { planActivity } from './scenario-plan';
import { ScenarioState } from './scenario-state';
import { POOLS } from './universe';

export interface ScenarioProgress {
  phase: 'setup' | 'activity' | 'done';
  block: number;
  blocks: number;
  transactions: number;
  elapsedMs: number;
}

export interface RunScenarioOptions extends Partial<ScenarioOptions> {
  rpcUrl: string;
  onProgress?: (progress: ScenarioProgress) => void;
  /** Activity blocks between progress reports. */
  progressEvery?: number;
}

/** Seconds between setup blocks, like a real chain's block time. */
const SETUP_BLOCK_SECONDS = 12;

function emptyCounts(): ScenarioCounts {
  return {
    blocks: 0,
    setupBlocks: 0,
    transactions: 0,
    mints: 0,
    bootstrapMints: 0,
    mintAndBurnSameBlock: 0,
    increases: 0,
    decreases: 0,
    fullDecreases: 0,
    collects: 0,
    transfers: 0,
    burns: 0,
    swaps: 0,
    skippedLpActions: 0,
  };
}

/** Wallets outside the dev accounts (positions sent there are never touched again), fixed per seed. */
function externalAddresses(seed: number, count: number): Address[] {
  return Array.from({ length: count }, (_, i) => getAddress(keccak256(stringToHex(`external-wallet:${seed}:${i}`)).slice(0, 42)));
}

function splitAccounts(accounts: readonly Address[]) {
  if (accounts.length < 6) throw new Error(`the scenario needs at least 6 unlocked accounts, the node has ${accounts.length}`);
  const lpCount = Math.ceil((accounts.length - 1) * 0.6);
  return { deployer: accounts[0], liquidityProviders: accounts.slice(1, 1 + lpCount), swappers: accounts.slice(1 + lpCount) };
}

function poolLabel(pool: DeployedPool): string {
  return `${pool.token0.symbol}/${pool.token1.symbol} ${pool.fee / 10_000}%`;
}

/**
 * Generates a reproducible history on a fresh local chain: tokens and two V3 deployments, pools,
 * then `options.positions` positions living through increases, decreases, collects, transfers and
 * burns among `options.swaps` swaps, over `options.days` days of chain time. Returns the manifest.
 */
export async function runScenario(options: RunScenarioOptions): Promise<ScenarioManifest> {
  const started = performance.now();
  const resolved = resolveScenarioOptions(options, POOLS.length);
  const rng = createRng(resolved.seed);
  const reader = createChainClient(options.rpcUrl, { retryCount: 0 });
  const [chainId, genesis, latest] = await Promise.all([reader.getChainId(), reader.getBlock({ blockNumber: 0n }), reader.getBlock({ blockTag: 'latest' })]);
  const sender = await BlockSender.connect(options.rpcUrl, latest.gasLimit);
  const report = (phase: ScenarioProgress['phase'], block: number, blocks: number) =>
    options.onProgress?.({ phase, block, blocks, transactions: sender.txCount, elapsedMs: performance.now() - started });
  try {
    const accounts = splitAccounts(await sender.accounts());
    const external = externalAddresses(resolved.seed, 5);
    let clock = Number(latest.timestamp);
    const nextTimestamp = () => (clock += SETUP_BLOCK_SECONDS);
    const setup = { sender, reader, deployer: accounts.deployer, nextTimestamp };
    const firstBlock = latest.number + 1n;

    report('setup', 0, 0);
    const deployment: LocalDeployment = await deployLocalDexes(setup, [...accounts.liquidityProviders, ...accounts.swappers]);
    const pools = await createPools(setup, deployment, POOLS);
    const setupBlocks = sender.txCount > 0 ? Number((await reader.getBlockNumber()) - latest.number) : 0;
    const setupMs = performance.now() - started;

    const state = new ScenarioState(pools, deployment.dexes);
    const activityStart = Math.max(clock + SETUP_BLOCK_SECONDS, Number(genesis.timestamp) + 3_600);
    const plan = planActivity(resolved, pools.length, activityStart, rng.fork('plan'));
    const actionRng = rng.fork('actions');
    const counts = emptyCounts();
    counts.setupBlocks = setupBlocks;
    const activityStarted = performance.now();
    let blockNumber = await reader.getBlockNumber();
    const activityFrom = blockNumber + 1n;
    let bootstrapIndex = 0;

    for (const [index, planned] of plan.blocks.entries()) {
      blockNumber += 1n;
      const ctx: ActionContext = {
        state,
        rng: actionRng,
        reader,
        external,
        liquidityProviders: accounts.liquidityProviders,
        swappers: accounts.swappers,
        blockNumber,
        timestamp: planned.timestamp,
        used: new Set(),
        counts,
      };
      // Send order = in-block order: same-block mint+burn first (their simulation needs the block's
      // starting state), then actions on older positions, then new positions, then swaps.
      const txs: ChainTx[] = [];
      for (const kind of planned.actions) if (kind === 'mint-and-burn') txs.push(...(await buildMintAndBurn(ctx)));
      for (const kind of planned.actions)
        if (kind === 'lp') {
          const tx = buildLpAction(ctx);
          if (tx) txs.push(tx);
        }
      for (const kind of planned.actions) if (kind === 'bootstrap') txs.push(buildMint(ctx, state.pools[bootstrapIndex++]));
      for (const kind of planned.actions) if (kind === 'mint') txs.push(buildMint(ctx));
      for (const kind of planned.actions) if (kind === 'swap') txs.push(buildSwap(ctx));
      const mined = await sender.mineBlock(txs, planned.timestamp);
      if (mined.number !== blockNumber) throw new Error(`expected block ${blockNumber}, mined ${mined.number}`);
      state.applyBlock(mined.logs, mined.number, planned.timestamp);
      if ((index + 1) % (options.progressEvery ?? 50) === 0) report('activity', index + 1, plan.blocks.length);
    }
    const activityMs = performance.now() - activityStarted;
    const lastTimestamp = plan.blocks.at(-1)?.timestamp ?? clock;
    if (state.pending.size > 0) throw new Error(`${state.pending.size} mints never appeared on chain`);

    counts.blocks = setupBlocks + plan.blocks.length;
    counts.transactions = sender.txCount;
    const positions = [...state.positions.values()];
    for (const position of positions) if (position.burnedBlock === undefined) state.revalue(position, position.valueUsd, lastTimestamp);
    const exposures: PositionExposure[] = positions.map((p) => ({ dex: p.dex, positionManager: p.manager, tokenId: p.tokenId, exposure: p.exposure }));
    const rflr = deployment.tokens.find((t) => t.key === 'RFLR')!;
    const sprk = deployment.tokens.find((t) => t.key === 'SPRK')!;
    const incentivePools = pools.map((p) => ({ address: p.address, dex: p.dex, label: poolLabel(p), activity: p.activity }));

    const manifestPools: ManifestPool[] = state.pools.map((p) => ({
      address: p.deployed.address,
      dex: p.deployed.dex,
      factory: state.dex(p.deployed.dex).factory,
      token0: p.deployed.token0.address,
      token1: p.deployed.token1.address,
      symbol0: p.deployed.token0.symbol,
      symbol1: p.deployed.token1.symbol,
      fee: p.deployed.fee,
      tickSpacing: p.deployed.tickSpacing,
      createdBlock: p.deployed.createdBlock.toString(),
      initialSqrtPriceX96: p.deployed.initialSqrtPriceX96.toString(),
      initialTick: p.deployed.initialTick,
      minTick: p.minTick,
      maxTick: p.maxTick,
      finalTick: p.tick,
      swaps: p.swaps,
    }));
    const manifestPositions: ManifestPosition[] = positions.map((p) => ({
      dex: p.dex,
      tokenId: p.tokenId.toString(),
      pool: p.pool.deployed.address,
      shape: p.shape,
      tickLower: p.tickLower,
      tickUpper: p.tickUpper,
      owner: p.burnedBlock === undefined ? p.owner : zeroAddress,
      mintedBlock: p.mintedBlock.toString(),
      burnedBlock: p.burnedBlock?.toString() ?? null,
      liquidity: p.liquidity.toString(),
    }));
    const tokenIds = (dex: DexId) => positions.filter((p) => p.dex === dex).map((p) => p.tokenId.toString());
    const totalMs = performance.now() - started;
    report('done', plan.blocks.length, plan.blocks.length);
    return {
      version: 1,
      seed: resolved.seed,
      options: resolved,
      chainId,
      rpcUrl: options.rpcUrl,
      genesisTimestamp: Number(genesis.timestamp),
      poolInitCodeHash: deployment.poolInitCodeHash,
      accounts: { ...accounts, external },
      tokens: deployment.tokens.map(({ address, symbol, name, decimals, role, usdPrice }) => ({ address, symbol, name, decimals, role, usdPrice })),
      dexes: deployment.dexes.map(({ id, name, factory, positionManager, swapRouter }) => ({ id, name, factory, positionManager, swapRouter })),
      pools: manifestPools,
      tokenIds: { enosys: tokenIds('enosys'), sparkdex: tokenIds('sparkdex') },
      positions: manifestPositions,
      blocks: { first: firstBlock.toString(), activityFrom: activityFrom.toString(), last: blockNumber.toString() },
      timestamps: { first: Number(latest.timestamp) + SETUP_BLOCK_SECONDS, activityFrom: plan.blocks[0]?.timestamp ?? clock, last: lastTimestamp },
      counts,
      rewards: { token: rflr.address, symbol: rflr.symbol, decimals: rflr.decimals, allocations: allocateRflr(exposures, rng.fork('rflr')) },
      incentives: planIncentives(
        incentivePools,
        {
          enosys: { address: rflr.address, symbol: rflr.symbol, usdPrice: rflr.usdPrice },
          sparkdex: { address: sprk.address, symbol: sprk.symbol, usdPrice: sprk.usdPrice },
        },
        activityStart,
        lastTimestamp,
        rng.fork('incentives'),
      ),
      timing: {
        setupMs: Math.round(setupMs),
        activityMs: Math.round(activityMs),
        totalMs: Math.round(totalMs),
        txPerSecond: Math.round(sender.txCount / (totalMs / 1000)),
      },
    };
  } finally {
    await sender.close();
  }
}
