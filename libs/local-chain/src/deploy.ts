import {
  encodeDeployData,
  encodeFunctionData,
  getAddress,
  isAddressEqual,
  keccak256,
  maxUint256,
  parseEventLogs,
  parseUnits,
  zeroAddress,
  type Address,
  type Hex,
} from 'viem';
import { erc20Abi, nonfungiblePositionManagerAbi, uniswapV3FactoryEvents, uniswapV3PoolEvents, type ChainClient, type DexId } from '@lib/chain';
import { artifacts, PERIPHERY_POOL_INIT_CODE_HASH, type Artifact } from './artifacts';
import type { BlockSender, ChainTx, MinedBlock } from './block-sender';
import { erc20PresetAbi } from './contract-abis';
import { patchErc20Decimals } from './erc20-decimals-patch';
import { orderedPoolPrice, priceToSqrtPriceX96, tickSpacingOf } from './sqrt-price';
import { DEXES, TOKENS, tokenSpec, type DexSpec, type PoolSpec, type TokenKey, type TokenSpec } from './universe';

export interface DeployedToken extends TokenSpec {
  address: Address;
}

export interface DeployedDex extends DexSpec {
  factory: Address;
  positionManager: Address;
  swapRouter: Address;
}

export interface DeployedPool {
  dex: DexId;
  address: Address;
  token0: DeployedToken;
  token1: DeployedToken;
  fee: number;
  tickSpacing: number;
  initialSqrtPriceX96: bigint;
  initialTick: number;
  createdBlock: bigint;
  /** Share of the scenario's activity. */
  activity: number;
}

export interface LocalDeployment {
  deployer: Address;
  tokens: DeployedToken[];
  dexes: DeployedDex[];
  poolInitCodeHash: Hex;
}

/** Gas per kind of setup transaction: explicit, since nothing is estimated. */
const GAS = { deploy: 12_000_000n, mint: 120_000n, approve: 80_000n, createPool: 6_500_000n } as const;

export interface SetupContext {
  sender: BlockSender;
  reader: ChainClient;
  deployer: Address;
  /** Strictly increasing timestamps for the setup blocks. */
  nextTimestamp: () => number;
}

/**
 * The router and the position manager find pools by CREATE2 with the init code hash compiled into
 * them; it must be the hash of the pool bytecode the factory deploys, or every swap reverts.
 */
export function verifyPoolInitCodeHash(): Hex {
  const hash = keccak256(artifacts.pool().bytecode);
  if (hash !== PERIPHERY_POOL_INIT_CODE_HASH) throw new Error(`pool init code hash ${hash} differs from the periphery's ${PERIPHERY_POOL_INIT_CODE_HASH}`);
  for (const artifact of [artifacts.positionManager(), artifacts.swapRouter()]) {
    if (!artifact.bytecode.includes(hash.slice(2))) throw new Error(`${artifact.contractName} does not embed the pool init code hash`);
  }
  return hash;
}

function deployTx(from: Address, artifact: Artifact, args: readonly unknown[], bytecode: Hex = artifact.bytecode): ChainTx {
  return { from, data: encodeDeployData({ abi: artifact.abi, bytecode, args }), gas: GAS.deploy };
}

function createdAddresses(block: MinedBlock): Address[] {
  return block.receipts.map((receipt) => {
    if (!receipt.contractAddress) throw new Error(`tx ${receipt.transactionHash} created no contract`);
    return getAddress(receipt.contractAddress);
  });
}

async function deployTokens(ctx: SetupContext): Promise<DeployedToken[]> {
  const erc20 = artifacts.erc20();
  const txs = TOKENS.map((token) =>
    deployTx(ctx.deployer, erc20, [token.name, token.symbol], patchErc20Decimals(erc20.bytecode, erc20.deployedBytecode, token.decimals)),
  );
  const addresses = createdAddresses(await ctx.sender.mineBlock(txs, ctx.nextTimestamp()));
  const tokens = TOKENS.map((token, i) => ({ ...token, address: addresses[i] }));
  // The decimals patch is checked on the deployed contract, not trusted.
  const decimals = await Promise.all(tokens.map((token) => ctx.reader.readContract({ address: token.address, abi: erc20Abi, functionName: 'decimals' })));
  tokens.forEach((token, i) => {
    if (decimals[i] !== token.decimals) throw new Error(`${token.symbol} reports ${decimals[i]} decimals, expected ${token.decimals}`);
  });
  return tokens;
}

async function deployDexes(ctx: SetupContext, wrappedNative: Address): Promise<DeployedDex[]> {
  const factories = createdAddresses(
    await ctx.sender.mineBlock(
      DEXES.map(() => deployTx(ctx.deployer, artifacts.factory(), [])),
      ctx.nextTimestamp(),
    ),
  );
  const peripheryTxs = DEXES.flatMap((_, i) => [
    // tokenDescriptor only serves tokenURI(), which nothing here calls.
    deployTx(ctx.deployer, artifacts.positionManager(), [factories[i], wrappedNative, zeroAddress]),
    deployTx(ctx.deployer, artifacts.swapRouter(), [factories[i], wrappedNative]),
  ]);
  const periphery = createdAddresses(await ctx.sender.mineBlock(peripheryTxs, ctx.nextTimestamp()));
  const dexes = DEXES.map((dex, i) => ({ ...dex, factory: factories[i], positionManager: periphery[2 * i], swapRouter: periphery[2 * i + 1] }));
  for (const dex of dexes) {
    const factory = await ctx.reader.readContract({ address: dex.positionManager, abi: nonfungiblePositionManagerAbi, functionName: 'factory' });
    if (!isAddressEqual(factory, dex.factory)) throw new Error(`${dex.id} position manager points at factory ${factory}`);
  }
  return dexes;
}

/** Generous balances of every traded token for every account, and unlimited approvals for both DEXes' manager and router. */
async function fundAndApprove(ctx: SetupContext, deployment: LocalDeployment, holders: readonly Address[]): Promise<void> {
  const traded = deployment.tokens.filter((token) => token.role !== 'reward');
  const mints: ChainTx[] = holders.flatMap((holder) =>
    traded.map((token) => ({
      from: ctx.deployer,
      to: token.address,
      // ~$10^12 of each token per account: balances never limit the scenario.
      data: encodeFunctionData({
        abi: erc20PresetAbi,
        functionName: 'mint',
        args: [holder, parseUnits(String(Math.round(1e12 / token.usdPrice)), token.decimals)],
      }),
      gas: GAS.mint,
    })),
  );
  await ctx.sender.mineBlock(mints, ctx.nextTimestamp());
  const spenders = deployment.dexes.flatMap((dex) => [dex.positionManager, dex.swapRouter]);
  const approvals: ChainTx[] = holders.flatMap((holder) =>
    traded.flatMap((token) =>
      spenders.map((spender) => ({
        from: holder,
        to: token.address,
        data: encodeFunctionData({ abi: erc20PresetAbi, functionName: 'approve', args: [spender, maxUint256] }),
        gas: GAS.approve,
      })),
    ),
  );
  await ctx.sender.mineBlock(approvals, ctx.nextTimestamp());
}

/** Tokens, two full V3 deployments ("enosys", "sparkdex"), balances and approvals. */
export async function deployLocalDexes(ctx: SetupContext, holders: readonly Address[]): Promise<LocalDeployment> {
  const poolInitCodeHash = verifyPoolInitCodeHash();
  const tokens = await deployTokens(ctx);
  const wrappedNative = tokens.find((token) => token.role === 'wrapped-native');
  if (!wrappedNative) throw new Error('no wrapped native token');
  const dexes = await deployDexes(ctx, wrappedNative.address);
  const deployment: LocalDeployment = { deployer: ctx.deployer, tokens, dexes, poolInitCodeHash };
  await fundAndApprove(ctx, deployment, holders);
  return deployment;
}

function deployedToken(deployment: LocalDeployment, key: TokenKey): DeployedToken {
  const token = deployment.tokens.find((t) => t.key === key);
  if (!token) throw new RangeError(`token ${key} not deployed`);
  return token;
}

/** Creates and initialises the pools at the reference prices (one tx each via the manager), in one block. */
export async function createPools(ctx: SetupContext, deployment: LocalDeployment, specs: readonly PoolSpec[]): Promise<DeployedPool[]> {
  const planned = specs.map((spec) => {
    const a = deployedToken(deployment, spec.a);
    const b = deployedToken(deployment, spec.b);
    const { token0, token1, price1Per0 } = orderedPoolPrice(a, b, tokenSpec(spec.a).usdPrice / tokenSpec(spec.b).usdPrice);
    const sqrtPriceX96 = priceToSqrtPriceX96(price1Per0, token0.decimals, token1.decimals);
    const dex = deployment.dexes.find((d) => d.id === spec.dex)!;
    return { spec, dex, token0, token1, sqrtPriceX96 };
  });
  const txs: ChainTx[] = planned.map((p) => ({
    from: ctx.deployer,
    to: p.dex.positionManager,
    data: encodeFunctionData({
      abi: nonfungiblePositionManagerAbi,
      functionName: 'createAndInitializePoolIfNecessary',
      args: [p.token0.address, p.token1.address, p.spec.fee, p.sqrtPriceX96],
    }),
    gas: GAS.createPool,
  }));
  const block = await ctx.sender.mineBlock(txs, ctx.nextTimestamp());
  return planned.map((p, i) => {
    const logs = block.receipts[i].logs;
    const [created] = parseEventLogs({ abi: uniswapV3FactoryEvents, logs, eventName: 'PoolCreated' });
    const [initialized] = parseEventLogs({ abi: uniswapV3PoolEvents, logs, eventName: 'Initialize' });
    if (!created || !initialized) throw new Error(`pool ${p.spec.a}/${p.spec.b} ${p.spec.fee} on ${p.spec.dex} was not created and initialised`);
    return {
      dex: p.spec.dex,
      address: created.args.pool,
      token0: p.token0,
      token1: p.token1,
      fee: p.spec.fee,
      tickSpacing: tickSpacingOf(p.spec.fee),
      initialSqrtPriceX96: initialized.args.sqrtPriceX96,
      initialTick: initialized.args.tick,
      createdBlock: block.number,
      activity: p.spec.activity,
    };
  });
}
