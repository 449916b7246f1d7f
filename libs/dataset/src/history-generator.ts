import type { TokenMetadataByAddress } from '@lib/indexer';
import { accrueExposure, chooseRange, chooseShape, createRng, type MonthlyExposure, type PositionShape, type Rng } from '@lib/local-chain';
import { MAX_UINT128, getLiquidityForAmounts } from '@lib/v3-math';
import type { Address } from 'viem';
import { START_BLOCK, blockTimestamp, transactionHash } from './chain-clock';
import type { DatasetOptions } from './dataset-options';
import type { DatasetSink, DatasetTableName } from './dataset-tables';
import { datasetUniverse, labelAddress, type DatasetDex, type DatasetPool, type DatasetToken, type DatasetUniverse } from './dataset-universe';
import { OTHER_LOG, type EmittedLog } from './emitted-log';
import { placeTxLogs } from './place-logs';
import { PositionManager, type ManagedPosition, type SimulatedPool } from './position-manager';
import { V3Pool } from './v3-pool';

/**
 * The scale dataset's history: blocks of transactions against simulated pools and position
 * managers (`V3Pool`, `PositionManager`), every choice drawn from one seeded RNG. The mix
 * follows the local-chain scenario (libs/local-chain): one full-range bootstrap position per
 * pool, then mints of the scenario's shapes and sizes, increases, decreases (partial and
 * full), collects, transfers, burns (decrease + collect + burn in one transaction), a few
 * positions minted and burned in one block, and swaps in runs that lean back to the initial
 * price. Every amount, price and tick is what the contracts would compute; the rows are the
 * indexer's mapping of the emitted logs.
 */

export interface GenerationSummary {
  rows: Record<DatasetTableName, number>;
  actions: ActionCounts;
  positions: { minted: number; burned: number; open: number; transferredAway: number };
  blocks: { first: number; last: number; withTransactions: number };
  timestamps: { first: number; last: number };
}

export interface ActionCounts {
  mints: number;
  bootstrapMints: number;
  mintAndBurnSameBlock: number;
  increases: number;
  decreases: number;
  fullDecreases: number;
  collects: number;
  transfers: number;
  burns: number;
  swaps: number;
}

export interface GenerationProgress {
  positionEvents: number;
  target: number;
  poolEvents: number;
  blockNumber: number;
}

/** Everything the reward inputs need from the history: each position's USD-seconds per month. */
export interface PositionExposureRecord {
  dex: DatasetDex['id'];
  positionManager: string;
  tokenId: bigint;
  exposure: MonthlyExposure;
}

export interface GeneratedHistory {
  universe: DatasetUniverse;
  summary: GenerationSummary;
  exposures: PositionExposureRecord[];
}

const LIQUIDITY_PROVIDERS = 2_000;
const SWAPPERS = 300;
const EXTERNAL_WALLETS = 200;
const BOOTSTRAP_USD = 100_000;
/** Mean transactions per block with transactions (uniform 1..7). */
const TX_PER_BLOCK_MAX = 7;
/** Position events per LP transaction, about (measured on the mix below): sizes the swap share and the block gaps. */
const EVENTS_PER_LP_TX = 1.13;
const MINT_SHARE_OF_LP_TXS = 1 / 3;
const SAME_BLOCK_BURN_CHANCE = 0.02;
const Q96_FLOAT = 2 ** 96;

type LpKind = 'increase' | 'decrease' | 'fullDecrease' | 'collect' | 'transfer' | 'burn';

interface GenPool {
  spec: DatasetPool;
  sim: SimulatedPool;
  manager: PositionManager;
  dex: DatasetDex;
  initialTick: number;
  run: { zeroForOne: boolean; left: number };
}

interface GenPosition {
  pool: GenPool;
  managed: ManagedPosition;
  shape: PositionShape;
  /** Block of its last action: one action per position per block. */
  lastBlock: number;
  /** Index in the active list, -1 once it can no longer act (burned, or sent to an outside wallet). */
  activeIndex: number;
  exposure: MonthlyExposure;
  valueUsd: number;
  valueSince: number;
  burned: boolean;
}

export function generateHistory(options: DatasetOptions, sink: DatasetSink, onProgress?: (p: GenerationProgress) => void): GeneratedHistory {
  return new HistoryGenerator(options, sink, onProgress).run();
}

class HistoryGenerator {
  private readonly universe = datasetUniverse();
  private readonly rng: Rng;
  private readonly pools: GenPool[];
  private readonly lps: string[];
  private readonly swappers: string[];
  private readonly external: string[];
  private readonly deployer = labelAddress('deployer');
  private readonly dexOfManager: Map<string, string>;
  private readonly tokenMetadata: TokenMetadataByAddress;
  private readonly active: GenPosition[] = [];
  private readonly all: GenPosition[] = [];
  private readonly rows = { Pool: 0, PoolIncentive: 0, PoolEvent: 0, PositionEvent: 0, PositionTransfer: 0, rflr_allocation: 0, position_registry: 0 };
  private readonly actions: ActionCounts = {
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
  };
  private readonly swapChance: number;
  private readonly meanBlockGap: number;
  private block = START_BLOCK;
  private timestamp = blockTimestamp(START_BLOCK);
  private txIndex = 0;
  private logIndex = 0;
  private blocksWithTxs = 0;
  private transferredAway = 0;
  private nextProgress = 0;

  constructor(
    private readonly options: DatasetOptions,
    private readonly sink: DatasetSink,
    private readonly onProgress?: (p: GenerationProgress) => void,
  ) {
    this.rng = createRng(options.seed).fork('scale dataset activity');
    this.lps = Array.from({ length: LIQUIDITY_PROVIDERS }, (_, i) => labelAddress(`liquidity provider ${i}`));
    this.swappers = Array.from({ length: SWAPPERS }, (_, i) => labelAddress(`swapper ${i}`));
    this.external = Array.from({ length: EXTERNAL_WALLETS }, (_, i) => labelAddress(`outside wallet ${i}`));
    const managers = new Map(this.universe.dexes.map((d) => [d.id, new PositionManager(d.positionManager)]));
    this.dexOfManager = new Map(this.universe.dexes.map((d) => [d.positionManager, d.id]));
    this.tokenMetadata = new Map(this.universe.tokens.map((t) => [t.address, { symbol: t.symbol, name: t.name, decimals: t.decimals }]));
    this.pools = this.universe.pools.map((spec) => {
      const pool = new V3Pool(spec.fee, spec.tickSpacing, spec.initialSqrtPriceX96);
      return {
        spec,
        sim: { address: spec.address, pool },
        manager: managers.get(spec.dex)!,
        dex: this.universe.dexes.find((d) => d.id === spec.dex)!,
        initialTick: pool.tick,
        run: { zeroForOne: false, left: 0 },
      };
    });
    // Swaps per LP transaction so that swaps ≈ swapsPerEvent × position events.
    const swapsPerLpTx = options.swapsPerEvent * EVENTS_PER_LP_TX;
    this.swapChance = swapsPerLpTx / (1 + swapsPerLpTx);
    const expectedTxs = options.events / EVENTS_PER_LP_TX / (1 - this.swapChance);
    const expectedBlocks = expectedTxs / ((1 + TX_PER_BLOCK_MAX) / 2);
    this.meanBlockGap = Math.max(1, (options.days * 86_400) / 1.8 / expectedBlocks);
  }

  run(): GeneratedHistory {
    const first = { block: this.block, timestamp: this.timestamp };
    this.setUp();
    while (this.rows.PositionEvent < this.options.events) {
      this.openBlock();
      const txs = this.rng.int(1, TX_PER_BLOCK_MAX);
      for (let i = 0; i < txs && this.rows.PositionEvent < this.options.events; i++) this.activityTx();
    }
    const end = this.timestamp;
    for (const p of this.all) if (!p.burned) this.revalue(p, end);
    this.progress(true);
    return {
      universe: this.universe,
      exposures: this.all.map((p) => ({ dex: p.pool.dex.id, positionManager: p.pool.manager.address, tokenId: p.managed.tokenId, exposure: p.exposure })),
      summary: {
        rows: { ...this.rows },
        actions: { ...this.actions },
        positions: {
          minted: this.all.length,
          burned: this.all.filter((p) => p.burned).length,
          open: this.all.filter((p) => !p.burned).length,
          transferredAway: this.transferredAway,
        },
        blocks: { first: first.block, last: this.block, withTransactions: this.blocksWithTxs },
        timestamps: { first: first.timestamp, last: this.timestamp },
      },
    };
  }

  /** Block 0: every pool created and initialized; block 1: one $100k full-range position per pool. */
  private setUp(): void {
    this.blocksWithTxs++;
    for (const pool of this.pools) {
      const factory = pool.dex.factory as Address;
      const { token0, token1, fee, tickSpacing, address } = pool.spec;
      this.transaction([
        {
          kind: 'factory',
          address: factory,
          eventName: 'PoolCreated',
          args: { token0: token0.address as Address, token1: token1.address as Address, fee, tickSpacing, pool: address as Address },
        },
        { kind: 'pool', address: address as Address, eventName: 'Initialize', args: { sqrtPriceX96: pool.sim.pool.sqrtPriceX96, tick: pool.sim.pool.tick } },
      ]);
    }
    this.openBlock(1);
    for (const pool of this.pools) {
      const logs: EmittedLog[] = [];
      this.mint(logs, pool, 'bootstrap', this.deployer, BOOTSTRAP_USD);
      this.actions.bootstrapMints++;
      this.transaction(logs);
    }
  }

  private openBlock(gap?: number): void {
    this.block += gap ?? this.rng.int(1, Math.max(1, Math.round(2 * this.meanBlockGap - 1)));
    this.timestamp = blockTimestamp(this.block);
    this.txIndex = 0;
    this.logIndex = 0;
    this.blocksWithTxs++;
  }

  private activityTx(): void {
    if (this.rng.chance(this.swapChance)) return this.transaction(this.swap());
    if (this.active.length === 0 || this.rng.chance(MINT_SHARE_OF_LP_TXS)) {
      const logs: EmittedLog[] = [];
      const pool = this.rng.weighted(this.pools, (p) => p.spec.activity);
      const position = this.mint(logs, pool, chooseShape(this.rng), this.rng.pick(this.lps), Math.round(this.rng.logUniform(300, 30_000)));
      this.transaction(logs);
      if (this.rng.chance(SAME_BLOCK_BURN_CHANCE) && this.rows.PositionEvent < this.options.events) {
        this.actions.mintAndBurnSameBlock++;
        const burn: EmittedLog[] = [];
        this.burn(burn, position);
        this.transaction(burn);
      }
      return;
    }
    const position = this.pickActive();
    if (!position) return this.transaction(this.swap());
    this.transaction(this.lpAction(position));
  }

  /** A position that may act in this block; undefined after a few tries (all drawn ones acted already). */
  private pickActive(): GenPosition | undefined {
    for (let attempt = 0; attempt < 4; attempt++) {
      const p = this.rng.pick(this.active);
      if (p.lastBlock !== this.block) return p;
    }
    return undefined;
  }

  private lpAction(p: GenPosition): EmittedLog[] {
    const logs: EmittedLog[] = [];
    const [kind] = this.rng.weighted(lpWeights(p), ([, weight]) => weight);
    const { manager } = p.pool;
    const tokenId = p.managed.tokenId;
    p.lastBlock = this.block;
    switch (kind) {
      case 'increase': {
        const liquidity = this.liquidityFor(p.pool, p.managed.tickLower, p.managed.tickUpper, Math.round(this.rng.logUniform(100, 10_000)));
        if (liquidity === 0n) return this.collect(logs, p);
        manager.increaseLiquidity(tokenId, liquidity, logs);
        this.actions.increases++;
        this.revalue(p, this.timestamp);
        return logs;
      }
      case 'decrease': {
        const percent = BigInt(this.rng.int(10, 90));
        const part = (p.managed.liquidity * percent) / 100n;
        manager.decreaseLiquidity(tokenId, part > 0n ? part : p.managed.liquidity, logs);
        this.actions.decreases++;
        this.revalue(p, this.timestamp);
        return logs;
      }
      case 'fullDecrease':
        manager.decreaseLiquidity(tokenId, p.managed.liquidity, logs);
        this.actions.fullDecreases++;
        this.revalue(p, this.timestamp);
        return logs;
      case 'collect':
        return this.collect(logs, p);
      case 'transfer': {
        const away = this.rng.chance(0.2);
        const to = away ? this.rng.pick(this.external) : this.otherLp(p.managed.owner);
        manager.transfer(tokenId, to, logs);
        this.actions.transfers++;
        if (away) {
          this.transferredAway++;
          this.deactivate(p);
        }
        return logs;
      }
      case 'burn':
        this.burn(logs, p);
        return logs;
    }
  }

  private collect(logs: EmittedLog[], p: GenPosition): EmittedLog[] {
    // Now and then fees go to another wallet than the owner's.
    const recipient = this.rng.chance(0.1) ? this.rng.pick(this.lps) : p.managed.owner;
    p.pool.manager.collect(p.managed.tokenId, recipient, MAX_UINT128, MAX_UINT128, logs);
    this.actions.collects++;
    return logs;
  }

  /** Decrease all (if any), collect all, burn: one manager `multicall`, as wallets do it. */
  private burn(logs: EmittedLog[], p: GenPosition): void {
    const { manager } = p.pool;
    const tokenId = p.managed.tokenId;
    if (p.managed.liquidity > 0n) manager.decreaseLiquidity(tokenId, p.managed.liquidity, logs);
    manager.collect(tokenId, p.managed.owner, MAX_UINT128, MAX_UINT128, logs);
    manager.burn(tokenId, logs);
    this.actions.burns++;
    p.lastBlock = this.block;
    this.revalue(p, this.timestamp);
    p.burned = true;
    this.deactivate(p);
  }

  private mint(logs: EmittedLog[], pool: GenPool, shape: PositionShape, owner: string, valueUsd: number): GenPosition {
    const range = chooseRange(this.rng, pool.sim.pool.tick, pool.spec.tickSpacing, shape);
    let liquidity = this.liquidityFor(pool, range.tickLower, range.tickUpper, valueUsd);
    if (liquidity === 0n) liquidity = 1n;
    const { position: managed } = pool.manager.mint(pool.sim, range.tickLower, range.tickUpper, liquidity, owner, logs);
    this.actions.mints++;
    const p: GenPosition = {
      pool,
      managed,
      shape,
      lastBlock: this.block,
      activeIndex: this.active.length,
      exposure: new Map(),
      valueUsd: 0,
      valueSince: this.timestamp,
      burned: false,
    };
    this.active.push(p);
    this.all.push(p);
    this.revalue(p, this.timestamp);
    this.sink.write('position_registry', {
      position_manager: pool.manager.address,
      token_id: managed.tokenId.toString(),
      dex: pool.dex.id,
      pool: pool.spec.address,
      token0: pool.spec.token0.address,
      token1: pool.spec.token1.address,
      fee: pool.spec.fee,
      tick_lower: range.tickLower,
      tick_upper: range.tickUpper,
      source: 'dataset',
    });
    this.rows.position_registry++;
    return p;
  }

  /** What the manager's mint/increase buys with `valueUsd` of each token offered (LiquidityAmounts.getLiquidityForAmounts). */
  private liquidityFor(pool: GenPool, tickLower: number, tickUpper: number, valueUsd: number): bigint {
    const { token0, token1 } = pool.spec;
    const sim = pool.sim.pool;
    return getLiquidityForAmounts(
      sim.sqrtPriceX96,
      sim.sqrtRatioAtTick(tickLower),
      sim.sqrtRatioAtTick(tickUpper),
      usdToUnits(valueUsd, token0),
      usdToUnits(valueUsd, token1),
    );
  }

  private swap(): EmittedLog[] {
    const pool = this.rng.weighted(this.pools, (p) => p.spec.activity);
    const zeroForOne = this.nextDirection(pool);
    const reserves = pool.sim.pool.virtualReserves();
    const reserveIn = zeroForOne ? reserves.amount0 : reserves.amount1;
    const amountIn = BigInt(Math.max(1, Math.floor(Number(reserveIn) * this.rng.logUniform(0.0002, 0.005))));
    const result = pool.sim.pool.swap(zeroForOne, amountIn);
    this.actions.swaps++;
    const router = pool.dex.swapRouter as Address;
    const swapper = this.rng.pick(this.swappers) as Address;
    const paysOut = (zeroForOne ? result.amount1 : result.amount0) < 0n;
    return [
      ...(paysOut ? [OTHER_LOG] : []),
      OTHER_LOG,
      {
        kind: 'pool',
        address: pool.spec.address as Address,
        eventName: 'Swap',
        args: {
          sender: router,
          recipient: swapper,
          amount0: result.amount0,
          amount1: result.amount1,
          sqrtPriceX96: result.sqrtPriceX96,
          liquidity: result.liquidity,
          tick: result.tick,
        },
      },
    ];
  }

  /** Runs of same-direction swaps, leaning back toward the pool's initial price as it strays (as the scenario's). */
  private nextDirection(pool: GenPool): boolean {
    if (pool.run.left <= 0) {
      const deviation = pool.sim.pool.tick - pool.initialTick;
      const pDown = Math.min(0.85, Math.max(0.15, 0.5 + deviation / 4_000));
      pool.run = { zeroForOne: this.rng.chance(pDown), left: this.rng.int(1, 10) };
    }
    pool.run.left--;
    return pool.run.zeroForOne;
  }

  private transaction(logs: EmittedLog[]): void {
    const placed = placeTxLogs(
      logs,
      {
        blockNumber: this.block,
        timestamp: this.timestamp,
        txHash: transactionHash(this.options.seed, this.block, this.txIndex),
        firstLogIndex: this.logIndex,
      },
      this.dexOfManager,
      this.tokenMetadata,
    );
    this.txIndex++;
    this.logIndex = placed.nextLogIndex;
    for (const row of placed.pools) this.sink.write('Pool', row);
    for (const row of placed.poolEvents) this.sink.write('PoolEvent', row);
    for (const row of placed.positionEvents) this.sink.write('PositionEvent', row);
    for (const row of placed.transfers) this.sink.write('PositionTransfer', row);
    this.rows.Pool += placed.pools.length;
    this.rows.PoolEvent += placed.poolEvents.length;
    this.rows.PositionEvent += placed.positionEvents.length;
    this.rows.PositionTransfer += placed.transfers.length;
    this.progress(false);
  }

  /**
   * Closes the USD-seconds of the position's value so far and values it anew: principal at the
   * pool price and the tokens' reference USD prices, in floating point (rFLR input data only).
   */
  private revalue(p: GenPosition, now: number): void {
    accrueExposure(p.exposure, p.valueUsd, p.valueSince, now);
    const pool = p.pool.sim.pool;
    const { token0, token1 } = p.pool.spec;
    const price = Number(pool.sqrtPriceX96) / Q96_FLOAT;
    const lower = Number(pool.sqrtRatioAtTick(p.managed.tickLower)) / Q96_FLOAT;
    const upper = Number(pool.sqrtRatioAtTick(p.managed.tickUpper)) / Q96_FLOAT;
    const at = Math.min(Math.max(price, lower), upper);
    const liquidity = Number(p.managed.liquidity);
    const amount0 = liquidity * (1 / at - 1 / upper);
    const amount1 = liquidity * (at - lower);
    p.valueUsd = (amount0 / 10 ** token0.decimals) * token0.usdPrice + (amount1 / 10 ** token1.decimals) * token1.usdPrice;
    p.valueSince = now;
  }

  private deactivate(p: GenPosition): void {
    const i = p.activeIndex;
    if (i < 0) return;
    const last = this.active.pop()!;
    if (last !== p) {
      this.active[i] = last;
      last.activeIndex = i;
    }
    p.activeIndex = -1;
  }

  private otherLp(owner: string): string {
    for (;;) {
      const lp = this.rng.pick(this.lps);
      if (lp !== owner) return lp;
    }
  }

  private progress(final: boolean): void {
    if (!this.onProgress || (!final && this.rows.PositionEvent < this.nextProgress)) return;
    this.nextProgress = this.rows.PositionEvent + 50_000;
    this.onProgress({ positionEvents: this.rows.PositionEvent, target: this.options.events, poolEvents: this.rows.PoolEvent, blockNumber: this.block });
  }
}

/** The scenario's weights of what a position does next. */
function lpWeights(p: GenPosition): [LpKind, number][] {
  if (p.shape === 'bootstrap')
    return [
      ['increase', 1],
      ['collect', 2],
    ];
  if (p.managed.liquidity === 0n)
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

/** USD at the token's reference price → raw units (at most 12 significant decimals, as the scenario does). */
function usdToUnits(usd: number, token: DatasetToken): bigint {
  const shown = Math.min(token.decimals, 12);
  return BigInt(Math.round((usd / token.usdPrice) * 10 ** shown)) * 10n ** BigInt(token.decimals - shown);
}
