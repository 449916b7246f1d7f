import {
  MAX_SQRT_RATIO,
  MAX_TICK,
  MIN_SQRT_RATIO,
  MIN_TICK,
  Q128,
  computeSwapStep,
  feeGrowthInside,
  getAmount0Delta,
  getAmount1Delta,
  getSqrtRatioAtTick,
  getTickAtSqrtRatio,
  mulDiv,
  wrapUint128,
  wrapUint256,
} from '@lib/v3-math';

/**
 * A Uniswap V3 pool (UniswapV3Pool.sol of v3-core 1.0) in memory, for the scale dataset:
 * slot0, in-range liquidity, ticks with their fee growth outside, the tick bitmap's search
 * within one 256-tick word, fee growth, and the positions of the pool's owners. Its mints,
 * burns, collects and swaps give what the contract's events log, to the wei (the
 * integration test replays a real chain's logs through it). No protocol fee, no oracle.
 */

export interface TickInfo {
  liquidityGross: bigint;
  liquidityNet: bigint;
  feeGrowthOutside0X128: bigint;
  feeGrowthOutside1X128: bigint;
}

export interface PoolPosition {
  liquidity: bigint;
  feeGrowthInside0LastX128: bigint;
  feeGrowthInside1LastX128: bigint;
  tokensOwed0: bigint;
  tokensOwed1: bigint;
}

export interface Amounts {
  amount0: bigint;
  amount1: bigint;
}

/** The Swap event's fields: amounts signed from the pool's side (positive = into the pool). */
export interface SwapResult extends Amounts {
  sqrtPriceX96: bigint;
  liquidity: bigint;
  tick: number;
}

export class V3Pool {
  sqrtPriceX96: bigint;
  tick: number;
  liquidity = 0n;
  feeGrowthGlobal0X128 = 0n;
  feeGrowthGlobal1X128 = 0n;
  readonly ticks = new Map<number, TickInfo>();
  /** Initialized ticks divided by the spacing, ascending: the bitmap's content. */
  private readonly initializedCompressed: number[] = [];
  private readonly positions = new Map<string, PoolPosition>();
  /** getSqrtRatioAtTick is the costliest pure function here, and ranges reuse few ticks. */
  private readonly sqrtRatioCache = new Map<number, bigint>();

  /** `initialize(sqrtPriceX96)`. */
  constructor(
    readonly fee: number,
    readonly tickSpacing: number,
    sqrtPriceX96: bigint,
  ) {
    this.sqrtPriceX96 = sqrtPriceX96;
    this.tick = getTickAtSqrtRatio(sqrtPriceX96);
  }

  /** getSqrtRatioAtTick(tick), remembered. */
  sqrtRatioAtTick(tick: number): bigint {
    let sqrt = this.sqrtRatioCache.get(tick);
    if (sqrt === undefined) {
      sqrt = getSqrtRatioAtTick(tick);
      this.sqrtRatioCache.set(tick, sqrt);
    }
    return sqrt;
  }

  position(owner: string, tickLower: number, tickUpper: number): PoolPosition | undefined {
    return this.positions.get(positionKey(owner, tickLower, tickUpper));
  }

  /** Fee growth inside a range now (Tick.getFeeGrowthInside), per token. */
  feeGrowthInside(tickLower: number, tickUpper: number): [bigint, bigint] {
    const lower = this.ticks.get(tickLower) ?? EMPTY_TICK;
    const upper = this.ticks.get(tickUpper) ?? EMPTY_TICK;
    return [
      feeGrowthInside(this.tick, tickLower, tickUpper, this.feeGrowthGlobal0X128, lower.feeGrowthOutside0X128, upper.feeGrowthOutside0X128),
      feeGrowthInside(this.tick, tickLower, tickUpper, this.feeGrowthGlobal1X128, lower.feeGrowthOutside1X128, upper.feeGrowthOutside1X128),
    ];
  }

  /** `mint`: adds liquidity; the amounts the pool takes, rounded up. */
  mint(owner: string, tickLower: number, tickUpper: number, amount: bigint): Amounts {
    if (amount <= 0n) throw new RangeError('mint amount must be positive');
    return this.modifyPosition(owner, tickLower, tickUpper, amount);
  }

  /** `burn`: removes liquidity (0 only updates the fees owed); the amounts are owed to the owner, rounded down. */
  burn(owner: string, tickLower: number, tickUpper: number, amount: bigint): Amounts {
    const { amount0, amount1 } = this.modifyPosition(owner, tickLower, tickUpper, -amount);
    const owed0 = -amount0;
    const owed1 = -amount1;
    if (owed0 > 0n || owed1 > 0n) {
      const p = this.positions.get(positionKey(owner, tickLower, tickUpper))!;
      p.tokensOwed0 = wrapUint128(p.tokensOwed0 + owed0);
      p.tokensOwed1 = wrapUint128(p.tokensOwed1 + owed1);
    }
    return { amount0: owed0, amount1: owed1 };
  }

  /** `collect`: pays at most what is owed. */
  collect(owner: string, tickLower: number, tickUpper: number, amount0Requested: bigint, amount1Requested: bigint): Amounts {
    const p = this.positions.get(positionKey(owner, tickLower, tickUpper)) ?? newPosition();
    const amount0 = amount0Requested > p.tokensOwed0 ? p.tokensOwed0 : amount0Requested;
    const amount1 = amount1Requested > p.tokensOwed1 ? p.tokensOwed1 : amount1Requested;
    p.tokensOwed0 -= amount0;
    p.tokensOwed1 -= amount1;
    return { amount0, amount1 };
  }

  /**
   * `swap` with a positive (exact input) or negative (exact output) amount; no limit means
   * the router's default of `exactInputSingle` with sqrtPriceLimitX96 = 0.
   */
  swap(zeroForOne: boolean, amountSpecified: bigint, sqrtPriceLimitX96?: bigint): SwapResult {
    if (amountSpecified === 0n) throw new RangeError('swap amount must not be zero');
    const limit = sqrtPriceLimitX96 ?? (zeroForOne ? MIN_SQRT_RATIO + 1n : MAX_SQRT_RATIO - 1n);
    if (zeroForOne ? !(limit < this.sqrtPriceX96 && limit > MIN_SQRT_RATIO) : !(limit > this.sqrtPriceX96 && limit < MAX_SQRT_RATIO)) {
      throw new RangeError('swap: price limit (SPL)');
    }
    const exactInput = amountSpecified > 0n;
    let remaining = amountSpecified;
    let calculated = 0n;
    let sqrtPrice = this.sqrtPriceX96;
    let tick = this.tick;
    let liquidity = this.liquidity;
    let feeGrowthGlobal = zeroForOne ? this.feeGrowthGlobal0X128 : this.feeGrowthGlobal1X128;

    while (remaining !== 0n && sqrtPrice !== limit) {
      const start = sqrtPrice;
      const [next, initialized] = this.nextInitializedTickWithinOneWord(tick, zeroForOne);
      let tickNext = next;
      if (tickNext < MIN_TICK) tickNext = MIN_TICK;
      else if (tickNext > MAX_TICK) tickNext = MAX_TICK;
      const sqrtPriceNext = this.sqrtRatioAtTick(tickNext);
      const target = (zeroForOne ? sqrtPriceNext < limit : sqrtPriceNext > limit) ? limit : sqrtPriceNext;
      const step = computeSwapStep(sqrtPrice, target, liquidity, remaining, this.fee);
      sqrtPrice = step.sqrtRatioNextX96;
      if (exactInput) {
        remaining -= step.amountIn + step.feeAmount;
        calculated -= step.amountOut;
      } else {
        remaining += step.amountOut;
        calculated += step.amountIn + step.feeAmount;
      }
      if (liquidity > 0n) feeGrowthGlobal = wrapUint256(feeGrowthGlobal + mulDiv(step.feeAmount, Q128, liquidity));

      if (sqrtPrice === sqrtPriceNext) {
        if (initialized) {
          const [global0, global1] = zeroForOne ? [feeGrowthGlobal, this.feeGrowthGlobal1X128] : [this.feeGrowthGlobal0X128, feeGrowthGlobal];
          let net = this.cross(tickNext, global0, global1);
          if (zeroForOne) net = -net;
          liquidity += net;
          if (liquidity < 0n) throw new RangeError('swap: liquidity below zero');
        }
        tick = zeroForOne ? tickNext - 1 : tickNext;
      } else if (sqrtPrice !== start) {
        tick = getTickAtSqrtRatio(sqrtPrice);
      }
    }

    this.sqrtPriceX96 = sqrtPrice;
    this.tick = tick;
    this.liquidity = liquidity;
    if (zeroForOne) this.feeGrowthGlobal0X128 = feeGrowthGlobal;
    else this.feeGrowthGlobal1X128 = feeGrowthGlobal;

    const specifiedUsed = amountSpecified - remaining;
    const [amount0, amount1] = zeroForOne === exactInput ? [specifiedUsed, calculated] : [calculated, specifiedUsed];
    return { amount0, amount1, sqrtPriceX96: sqrtPrice, liquidity, tick };
  }

  /** In-range virtual reserves (L/√P of token0, L·√P of token1), raw units: how deep the pool is at its price. */
  virtualReserves(): Amounts {
    const Q96 = 1n << 96n;
    return { amount0: (this.liquidity * Q96) / this.sqrtPriceX96, amount1: (this.liquidity * this.sqrtPriceX96) / Q96 };
  }

  private modifyPosition(owner: string, tickLower: number, tickUpper: number, liquidityDelta: bigint): Amounts {
    if (tickLower >= tickUpper || tickLower < MIN_TICK || tickUpper > MAX_TICK) throw new RangeError(`invalid range [${tickLower}, ${tickUpper}]`);
    if (tickLower % this.tickSpacing !== 0 || tickUpper % this.tickSpacing !== 0)
      throw new RangeError(`range [${tickLower}, ${tickUpper}] is off the tick spacing`);
    this.updatePosition(owner, tickLower, tickUpper, liquidityDelta);
    if (liquidityDelta === 0n) return { amount0: 0n, amount1: 0n };

    const sqrtLower = this.sqrtRatioAtTick(tickLower);
    const sqrtUpper = this.sqrtRatioAtTick(tickUpper);
    if (this.tick < tickLower) return { amount0: signedAmount0(sqrtLower, sqrtUpper, liquidityDelta), amount1: 0n };
    if (this.tick < tickUpper) {
      const amounts = {
        amount0: signedAmount0(this.sqrtPriceX96, sqrtUpper, liquidityDelta),
        amount1: signedAmount1(sqrtLower, this.sqrtPriceX96, liquidityDelta),
      };
      this.liquidity += liquidityDelta;
      return amounts;
    }
    return { amount0: 0n, amount1: signedAmount1(sqrtLower, sqrtUpper, liquidityDelta) };
  }

  private updatePosition(owner: string, tickLower: number, tickUpper: number, liquidityDelta: bigint): void {
    const key = positionKey(owner, tickLower, tickUpper);
    let p = this.positions.get(key);
    if (!p) {
      p = newPosition();
      this.positions.set(key, p);
    }
    let flippedLower = false;
    let flippedUpper = false;
    if (liquidityDelta !== 0n) {
      flippedLower = this.updateTick(tickLower, liquidityDelta, false);
      flippedUpper = this.updateTick(tickUpper, liquidityDelta, true);
      if (flippedLower) this.flipTick(tickLower);
      if (flippedUpper) this.flipTick(tickUpper);
    }
    const [inside0, inside1] = this.feeGrowthInside(tickLower, tickUpper);

    // Position.update
    if (liquidityDelta === 0n && p.liquidity === 0n) throw new RangeError('burn of an empty position (NP)');
    const owed0 = wrapUint128(mulDiv(wrapUint256(inside0 - p.feeGrowthInside0LastX128), p.liquidity, Q128));
    const owed1 = wrapUint128(mulDiv(wrapUint256(inside1 - p.feeGrowthInside1LastX128), p.liquidity, Q128));
    if (liquidityDelta !== 0n) {
      p.liquidity += liquidityDelta;
      if (p.liquidity < 0n) throw new RangeError('burn of more liquidity than the position has');
    }
    p.feeGrowthInside0LastX128 = inside0;
    p.feeGrowthInside1LastX128 = inside1;
    if (owed0 > 0n || owed1 > 0n) {
      p.tokensOwed0 = wrapUint128(p.tokensOwed0 + owed0);
      p.tokensOwed1 = wrapUint128(p.tokensOwed1 + owed1);
    }

    if (liquidityDelta < 0n) {
      if (flippedLower) this.ticks.delete(tickLower);
      if (flippedUpper) this.ticks.delete(tickUpper);
    }
  }

  /** Tick.update: true when the tick flips between initialized and not. */
  private updateTick(tick: number, liquidityDelta: bigint, upper: boolean): boolean {
    let info = this.ticks.get(tick);
    if (!info) {
      info = { liquidityGross: 0n, liquidityNet: 0n, feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n };
      this.ticks.set(tick, info);
    }
    const before = info.liquidityGross;
    const after = before + liquidityDelta;
    if (after < 0n) throw new RangeError(`tick ${tick}: liquidity below zero`);
    if (before === 0n && tick <= this.tick) {
      // By convention all growth before a tick was initialized happened below it.
      info.feeGrowthOutside0X128 = this.feeGrowthGlobal0X128;
      info.feeGrowthOutside1X128 = this.feeGrowthGlobal1X128;
    }
    info.liquidityGross = after;
    info.liquidityNet = upper ? info.liquidityNet - liquidityDelta : info.liquidityNet + liquidityDelta;
    return (after === 0n) !== (before === 0n);
  }

  /** Tick.cross: flips the tick's fee growth outside; returns its liquidityNet. */
  private cross(tick: number, feeGrowthGlobal0X128: bigint, feeGrowthGlobal1X128: bigint): bigint {
    const info = this.ticks.get(tick)!;
    info.feeGrowthOutside0X128 = wrapUint256(feeGrowthGlobal0X128 - info.feeGrowthOutside0X128);
    info.feeGrowthOutside1X128 = wrapUint256(feeGrowthGlobal1X128 - info.feeGrowthOutside1X128);
    return info.liquidityNet;
  }

  private flipTick(tick: number): void {
    const compressed = tick / this.tickSpacing;
    const list = this.initializedCompressed;
    const i = lowerBound(list, compressed);
    if (list[i] === compressed) list.splice(i, 1);
    else list.splice(i, 0, compressed);
  }

  /**
   * TickBitmap.nextInitializedTickWithinOneWord: the next initialized tick at or below
   * (zeroForOne) or above the current one, but no further than the 256-tick word boundary.
   * The pool ends a swap step there, so the steps — and their rounding — depend on it.
   */
  private nextInitializedTickWithinOneWord(tick: number, lte: boolean): [number, boolean] {
    const spacing = this.tickSpacing;
    const list = this.initializedCompressed;
    const compressed = Math.floor(tick / spacing);
    if (lte) {
      const wordStart = (compressed >> 8) << 8;
      const i = lowerBound(list, compressed + 1) - 1; // greatest ≤ compressed
      if (i >= 0 && list[i]! >= wordStart) return [list[i]! * spacing, true];
      return [wordStart * spacing, false];
    }
    const next = compressed + 1;
    const wordEnd = ((next >> 8) << 8) + 255;
    const i = lowerBound(list, next); // least ≥ next
    if (i < list.length && list[i]! <= wordEnd) return [list[i]! * spacing, true];
    return [wordEnd * spacing, false];
  }
}

const EMPTY_TICK: TickInfo = { liquidityGross: 0n, liquidityNet: 0n, feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n };

function newPosition(): PoolPosition {
  return { liquidity: 0n, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, tokensOwed0: 0n, tokensOwed1: 0n };
}

function positionKey(owner: string, tickLower: number, tickUpper: number): string {
  return `${owner}:${tickLower}:${tickUpper}`;
}

/** SqrtPriceMath.getAmount0Delta(int128): rounded up when the pool takes, down when it pays. */
function signedAmount0(sqrtA: bigint, sqrtB: bigint, liquidity: bigint): bigint {
  return liquidity < 0n ? -getAmount0Delta(sqrtA, sqrtB, -liquidity, false) : getAmount0Delta(sqrtA, sqrtB, liquidity, true);
}

function signedAmount1(sqrtA: bigint, sqrtB: bigint, liquidity: bigint): bigint {
  return liquidity < 0n ? -getAmount1Delta(sqrtA, sqrtB, -liquidity, false) : getAmount1Delta(sqrtA, sqrtB, liquidity, true);
}

/** Index of the first element ≥ value in an ascending list. */
function lowerBound(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
