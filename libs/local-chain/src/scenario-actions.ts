import { encodeFunctionData, maxUint128, maxUint256, parseUnits, type Address, type Hex } from 'viem';
import { nonfungiblePositionManagerAbi, type ChainClient } from '@lib/chain';
import type { ChainTx } from './block-sender';
import { swapRouterAbi } from './contract-abis';
import type { DeployedToken } from './deploy';
import type { PositionShape, ScenarioCounts } from './manifest';
import type { Rng } from './rng';
import { positionKey, type PoolState, type PositionState, type ScenarioState } from './scenario-state';
import { fullRange, MAX_TICK, MIN_TICK, nearestUsableTick } from './sqrt-price';

/** Builders of the scenario's transactions, one per kind of action; all choices come from `rng`. */

export interface ActionContext {
  state: ScenarioState;
  rng: Rng;
  reader: ChainClient;
  liquidityProviders: readonly Address[];
  swappers: readonly Address[];
  /** Addresses nobody here controls: positions sent there stay as they are. */
  external: readonly Address[];
  /** Block being built and its timestamp. */
  blockNumber: bigint;
  timestamp: number;
  /** Positions already acted on in this block: one action per position per block. */
  used: Set<string>;
  counts: ScenarioCounts;
}

const GAS = { mint: 1_200_000n, lp: 1_000_000n, transfer: 250_000n, swap: 5_000_000n } as const;
const DEADLINE = maxUint256;
const BOOTSTRAP_USD = 100_000;

function usdToUnits(usd: number, token: DeployedToken): bigint {
  const amount = usd / token.usdPrice;
  return parseUnits(amount.toFixed(Math.min(token.decimals, 12)), token.decimals);
}

function choosePool(ctx: ActionContext): PoolState {
  return ctx.rng.weighted(ctx.state.pools, (pool) => pool.deployed.activity);
}

export function chooseShape(rng: Rng): Exclude<PositionShape, 'bootstrap'> {
  const r = rng.next();
  if (r < 0.1) return 'full';
  if (r < 0.4) return 'wide';
  if (r < 0.85) return 'narrow';
  return 'one-sided';
}

/** A range of the given shape around the pool's current tick, on its spacing. */
export function chooseRange(rng: Rng, tick: number, spacing: number, shape: PositionShape): { tickLower: number; tickUpper: number } {
  const full = fullRange(spacing);
  if (shape === 'bootstrap' || shape === 'full') return full;
  let lower: number;
  let upper: number;
  if (shape === 'wide') {
    // ±16% .. ±80% in price, not centred
    lower = tick - rng.int(1_500, 6_000);
    upper = tick + rng.int(1_500, 6_000);
  } else if (shape === 'narrow') {
    lower = tick - rng.int(Math.max(spacing, 20), 600);
    upper = tick + rng.int(Math.max(spacing, 20), 600);
  } else {
    // Entirely above or below the price: one token only, out of range until the price walks in.
    const gap = rng.int(1, 8) * Math.max(spacing, 50);
    const width = rng.int(1, 12) * Math.max(spacing, 50);
    if (rng.chance(0.5)) {
      lower = tick + spacing + gap;
      upper = lower + width;
    } else {
      upper = tick - spacing - gap;
      lower = upper - width;
    }
  }
  let tickLower = Math.max(full.tickLower, nearestUsableTick(lower, spacing));
  let tickUpper = Math.min(full.tickUpper, nearestUsableTick(upper, spacing));
  if (tickUpper <= tickLower) tickUpper = tickLower + spacing;
  if (tickUpper > MAX_TICK) [tickLower, tickUpper] = [tickUpper - 2 * spacing, tickUpper - spacing];
  if (tickLower < MIN_TICK) [tickLower, tickUpper] = [tickLower + spacing, tickLower + 2 * spacing];
  return { tickLower, tickUpper };
}

function mintArgs(pool: PoolState, range: { tickLower: number; tickUpper: number }, valueUsd: number, recipient: Address) {
  const { token0, token1, fee } = pool.deployed;
  // Both sides offered at the reference prices; the manager takes what the range and price need.
  return {
    token0: token0.address,
    token1: token1.address,
    fee,
    ...range,
    amount0Desired: usdToUnits(valueUsd, token0),
    amount1Desired: usdToUnits(valueUsd, token1),
    amount0Min: 0n,
    amount1Min: 0n,
    recipient,
    deadline: DEADLINE,
  };
}

function registerMint(ctx: ActionContext, pool: PoolState, shape: PositionShape, range: { tickLower: number; tickUpper: number }, valueUsd: number): bigint {
  const dex = pool.deployed.dex;
  const tokenId = ctx.state.claimTokenId(dex);
  const key = positionKey(dex, tokenId);
  ctx.state.pending.set(key, { key, dex, tokenId, pool, shape, ...range, valueUsd });
  ctx.used.add(key);
  return tokenId;
}

/** A new position; `bootstrap` seeds each pool, in order, with a large full-range position. */
export function buildMint(ctx: ActionContext, bootstrapPool?: PoolState): ChainTx {
  const pool = bootstrapPool ?? choosePool(ctx);
  const shape: PositionShape = bootstrapPool ? 'bootstrap' : chooseShape(ctx.rng);
  const range = chooseRange(ctx.rng, pool.tick, pool.deployed.tickSpacing, shape);
  const valueUsd = bootstrapPool ? BOOTSTRAP_USD : Math.round(ctx.rng.logUniform(300, 30_000));
  const owner = bootstrapPool ? ctx.liquidityProviders[0] : ctx.rng.pick(ctx.liquidityProviders);
  registerMint(ctx, pool, shape, range, valueUsd);
  ctx.counts.mints++;
  if (bootstrapPool) ctx.counts.bootstrapMints++;
  return {
    from: owner,
    to: ctx.state.dex(pool.deployed.dex).positionManager,
    data: encodeFunctionData({ abi: nonfungiblePositionManagerAbi, functionName: 'mint', args: [mintArgs(pool, range, valueUsd, owner)] }),
    gas: GAS.mint,
  };
}

function collectCall(tokenId: bigint, recipient: Address): Hex {
  return encodeFunctionData({
    abi: nonfungiblePositionManagerAbi,
    functionName: 'collect',
    args: [{ tokenId, recipient, amount0Max: maxUint128, amount1Max: maxUint128 }],
  });
}

function decreaseCall(tokenId: bigint, liquidity: bigint): Hex {
  return encodeFunctionData({
    abi: nonfungiblePositionManagerAbi,
    functionName: 'decreaseLiquidity',
    args: [{ tokenId, liquidity, amount0Min: 0n, amount1Min: 0n, deadline: DEADLINE }],
  });
}

/** Decrease all (if any), collect all, burn: one manager `multicall`, as wallets do it. */
function burnCall(tokenId: bigint, liquidity: bigint, owner: Address): Hex {
  const calls = [
    ...(liquidity > 0n ? [decreaseCall(tokenId, liquidity)] : []),
    collectCall(tokenId, owner),
    encodeFunctionData({ abi: nonfungiblePositionManagerAbi, functionName: 'burn', args: [tokenId] }),
  ];
  return encodeFunctionData({ abi: nonfungiblePositionManagerAbi, functionName: 'multicall', args: [calls] });
}

/**
 * A position opened and closed in one block (the indexer's hardest case: no state of it exists at
 * any block). Sent first in its block, so simulating the mint on the latest state gives its liquidity.
 */
export async function buildMintAndBurn(ctx: ActionContext): Promise<ChainTx[]> {
  const pool = choosePool(ctx);
  const range = chooseRange(ctx.rng, pool.tick, pool.deployed.tickSpacing, 'narrow');
  const valueUsd = Math.round(ctx.rng.logUniform(300, 5_000));
  const owner = ctx.rng.pick(ctx.liquidityProviders);
  const manager = ctx.state.dex(pool.deployed.dex).positionManager;
  const args = mintArgs(pool, range, valueUsd, owner);
  const { result } = await ctx.reader.simulateContract({
    address: manager,
    abi: nonfungiblePositionManagerAbi,
    functionName: 'mint',
    args: [args],
    account: owner,
  });
  const liquidity = result[1];
  const tokenId = registerMint(ctx, pool, 'narrow', range, 0);
  ctx.counts.mints++;
  ctx.counts.mintAndBurnSameBlock++;
  ctx.counts.burns++;
  return [
    { from: owner, to: manager, data: encodeFunctionData({ abi: nonfungiblePositionManagerAbi, functionName: 'mint', args: [args] }), gas: GAS.mint },
    { from: owner, to: manager, data: burnCall(tokenId, liquidity, owner), gas: GAS.lp },
  ];
}

type LpKind = 'increase' | 'decrease' | 'fullDecrease' | 'collect' | 'transfer' | 'burn';

function lpWeights(position: PositionState): [LpKind, number][] {
  if (position.shape === 'bootstrap')
    return [
      ['increase', 1],
      ['collect', 2],
    ];
  if (position.liquidity === 0n)
    return [
      ['increase', 30],
      ['collect', 30],
      ['burn', 40],
    ];
  return [
    ['increase', 20],
    ['decrease', 22],
    ['collect', 25],
    ['transfer', 10],
    ['fullDecrease', 8],
    ['burn', 15],
  ];
}

/** An increase, decrease, collect, transfer or burn of a position minted in an earlier block. */
export function buildLpAction(ctx: ActionContext): ChainTx | undefined {
  const lps = new Set(ctx.liquidityProviders);
  const eligible = ctx.state.livePositions().filter((p) => !ctx.used.has(p.key) && lps.has(p.owner));
  if (eligible.length === 0) {
    ctx.counts.skippedLpActions++;
    return undefined;
  }
  const position = ctx.rng.pick(eligible);
  const [kind] = ctx.rng.weighted(lpWeights(position), ([, weight]) => weight);
  ctx.used.add(position.key);
  const { tokenId, owner, manager } = position;
  const tx = (data: Hex, gas: bigint = GAS.lp): ChainTx => ({ from: owner, to: manager, data, gas });
  switch (kind) {
    case 'increase': {
      const valueUsd = Math.round(ctx.rng.logUniform(100, 10_000));
      const { token0, token1 } = position.pool.deployed;
      ctx.counts.increases++;
      ctx.state.revalue(position, position.valueUsd + valueUsd, ctx.timestamp);
      return tx(
        encodeFunctionData({
          abi: nonfungiblePositionManagerAbi,
          functionName: 'increaseLiquidity',
          args: [
            {
              tokenId,
              amount0Desired: usdToUnits(valueUsd, token0),
              amount1Desired: usdToUnits(valueUsd, token1),
              amount0Min: 0n,
              amount1Min: 0n,
              deadline: DEADLINE,
            },
          ],
        }),
      );
    }
    case 'decrease': {
      const percent = ctx.rng.int(10, 90);
      ctx.counts.decreases++;
      ctx.state.revalue(position, (position.valueUsd * (100 - percent)) / 100, ctx.timestamp);
      const liquidity = (position.liquidity * BigInt(percent)) / 100n;
      return tx(decreaseCall(tokenId, liquidity > 0n ? liquidity : position.liquidity));
    }
    case 'fullDecrease':
      ctx.counts.fullDecreases++;
      ctx.state.revalue(position, 0, ctx.timestamp);
      return tx(decreaseCall(tokenId, position.liquidity));
    case 'collect': {
      // Now and then fees go to another wallet than the owner's.
      const recipient = ctx.rng.chance(0.1) ? ctx.rng.pick(ctx.liquidityProviders) : owner;
      ctx.counts.collects++;
      return tx(collectCall(tokenId, recipient));
    }
    case 'transfer': {
      const others = ctx.liquidityProviders.filter((lp) => lp !== owner);
      const to = ctx.rng.chance(0.2) ? ctx.rng.pick(ctx.external) : ctx.rng.pick(others);
      const functionName = ctx.rng.chance(0.5) ? 'safeTransferFrom' : 'transferFrom';
      ctx.counts.transfers++;
      return tx(encodeFunctionData({ abi: nonfungiblePositionManagerAbi, functionName, args: [owner, to, tokenId] }), GAS.transfer);
    }
    case 'burn':
      ctx.counts.burns++;
      return tx(burnCall(tokenId, position.liquidity, owner));
  }
}

/** Runs of same-direction swaps, leaning back toward the pool's initial price as it strays. */
function nextDirection(rng: Rng, pool: PoolState): boolean {
  if (pool.run.left <= 0) {
    const deviation = pool.tick - pool.deployed.initialTick;
    const pDown = Math.min(0.85, Math.max(0.15, 0.5 + deviation / 4_000));
    pool.run = { zeroForOne: rng.chance(pDown), left: rng.int(1, 10) };
  }
  pool.run.left--;
  return pool.run.zeroForOne;
}

export function buildSwap(ctx: ActionContext): ChainTx {
  const pool = choosePool(ctx);
  const zeroForOne = nextDirection(ctx.rng, pool);
  const { token0, token1, fee, dex } = pool.deployed;
  const [tokenIn, tokenOut] = zeroForOne ? [token0, token1] : [token1, token0];
  const usd = Math.max(10, ctx.state.depthUsd(pool) * ctx.rng.logUniform(0.0005, 0.02));
  const swapper = ctx.rng.pick(ctx.swappers);
  ctx.counts.swaps++;
  return {
    from: swapper,
    to: ctx.state.dex(dex).swapRouter,
    data: encodeFunctionData({
      abi: swapRouterAbi,
      functionName: 'exactInputSingle',
      args: [
        {
          tokenIn: tokenIn.address,
          tokenOut: tokenOut.address,
          fee,
          recipient: swapper,
          deadline: DEADLINE,
          amountIn: usdToUnits(usd, tokenIn),
          amountOutMinimum: 0n,
          sqrtPriceLimitX96: 0n,
        },
      ],
    }),
    gas: GAS.swap,
  };
}
