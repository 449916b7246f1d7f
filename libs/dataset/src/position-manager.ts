import type { Address } from 'viem';
import { MAX_UINT128, Q128, mulDiv, wrapUint128, wrapUint256 } from '@lib/v3-math';
import { OTHER_LOG, type EmittedLog } from './emitted-log';
import type { Amounts, V3Pool } from './v3-pool';

/**
 * The NonfungiblePositionManager (v3-periphery 1.x) over simulated pools: NFT positions
 * with their own fee accounting (feeGrowthInsideLast, tokensOwed), and the logs each call
 * emits in the contract's order — the pool's Mint/Burn/Collect before the manager's event.
 * ERC-20 transfers and approvals are emitted as `other` logs: they only take log indexes.
 */

export interface SimulatedPool {
  address: string;
  pool: V3Pool;
}

export interface ManagedPosition {
  tokenId: bigint;
  pool: SimulatedPool;
  tickLower: number;
  tickUpper: number;
  liquidity: bigint;
  feeGrowthInside0LastX128: bigint;
  feeGrowthInside1LastX128: bigint;
  tokensOwed0: bigint;
  tokensOwed1: bigint;
  owner: string;
}

const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';
const addr = (a: string) => a as Address;

export class PositionManager {
  private nextId = 1n;
  private readonly positions = new Map<bigint, ManagedPosition>();

  constructor(readonly address: string) {}

  get(tokenId: bigint): ManagedPosition {
    const p = this.positions.get(tokenId);
    if (!p) throw new RangeError(`invalid token id ${tokenId}`);
    return p;
  }

  /** `mint` with the liquidity its desired amounts buy (the caller computes it as LiquidityAmounts does). */
  mint(
    target: SimulatedPool,
    tickLower: number,
    tickUpper: number,
    liquidity: bigint,
    recipient: string,
    logs: EmittedLog[],
  ): { position: ManagedPosition } & Amounts {
    const amounts = this.addLiquidity(target, tickLower, tickUpper, liquidity, logs);
    const tokenId = this.nextId++;
    logs.push({ kind: 'manager', address: addr(this.address), eventName: 'Transfer', args: { from: addr(ZERO_ADDRESS), to: addr(recipient), tokenId } });
    const last = target.pool.position(this.address, tickLower, tickUpper)!;
    const position: ManagedPosition = {
      tokenId,
      pool: target,
      tickLower,
      tickUpper,
      liquidity,
      feeGrowthInside0LastX128: last.feeGrowthInside0LastX128,
      feeGrowthInside1LastX128: last.feeGrowthInside1LastX128,
      tokensOwed0: 0n,
      tokensOwed1: 0n,
      owner: recipient,
    };
    this.positions.set(tokenId, position);
    logs.push({ kind: 'manager', address: addr(this.address), eventName: 'IncreaseLiquidity', args: { tokenId, liquidity, ...amounts } });
    return { position, ...amounts };
  }

  increaseLiquidity(tokenId: bigint, liquidity: bigint, logs: EmittedLog[]): Amounts {
    const p = this.get(tokenId);
    const amounts = this.addLiquidity(p.pool, p.tickLower, p.tickUpper, liquidity, logs);
    this.accrueFees(p);
    p.liquidity += liquidity;
    logs.push({ kind: 'manager', address: addr(this.address), eventName: 'IncreaseLiquidity', args: { tokenId, liquidity, ...amounts } });
    return amounts;
  }

  decreaseLiquidity(tokenId: bigint, liquidity: bigint, logs: EmittedLog[]): Amounts {
    const p = this.get(tokenId);
    if (liquidity <= 0n || liquidity > p.liquidity) throw new RangeError(`decrease of ${liquidity} from ${p.liquidity}`);
    const amounts = p.pool.pool.burn(this.address, p.tickLower, p.tickUpper, liquidity);
    logs.push({
      kind: 'pool',
      address: addr(p.pool.address),
      eventName: 'Burn',
      args: { owner: addr(this.address), tickLower: p.tickLower, tickUpper: p.tickUpper, amount: liquidity, ...amounts },
    });
    this.accrueFees(p);
    p.tokensOwed0 = wrapUint128(p.tokensOwed0 + amounts.amount0);
    p.tokensOwed1 = wrapUint128(p.tokensOwed1 + amounts.amount1);
    p.liquidity -= liquidity;
    logs.push({ kind: 'manager', address: addr(this.address), eventName: 'DecreaseLiquidity', args: { tokenId, liquidity, ...amounts } });
    return amounts;
  }

  /**
   * `collect`: pokes the pool (burn 0) while the position has liquidity, then asks the pool
   * for what the NFT is owed. The manager's event reports the amounts it asked for; the
   * pool may pay a few wei less (rounding in core), and the NFT's debt drops by the asked amount.
   */
  collect(
    tokenId: bigint,
    recipient: string,
    amount0Max: bigint = MAX_UINT128,
    amount1Max: bigint = MAX_UINT128,
    logs: EmittedLog[] = [],
  ): Amounts & { paid: Amounts } {
    const p = this.get(tokenId);
    if (amount0Max === 0n && amount1Max === 0n) throw new RangeError('collect of nothing');
    if (p.liquidity > 0n) {
      p.pool.pool.burn(this.address, p.tickLower, p.tickUpper, 0n);
      logs.push({
        kind: 'pool',
        address: addr(p.pool.address),
        eventName: 'Burn',
        args: { owner: addr(this.address), tickLower: p.tickLower, tickUpper: p.tickUpper, amount: 0n, amount0: 0n, amount1: 0n },
      });
      this.accrueFees(p);
    }
    const amount0 = amount0Max > p.tokensOwed0 ? p.tokensOwed0 : amount0Max;
    const amount1 = amount1Max > p.tokensOwed1 ? p.tokensOwed1 : amount1Max;
    const paid = p.pool.pool.collect(this.address, p.tickLower, p.tickUpper, amount0, amount1);
    pushTransfers(logs, paid.amount0 > 0n, paid.amount1 > 0n);
    logs.push({
      kind: 'pool',
      address: addr(p.pool.address),
      eventName: 'Collect',
      args: { owner: addr(this.address), recipient: addr(recipient), tickLower: p.tickLower, tickUpper: p.tickUpper, ...paid },
    });
    p.tokensOwed0 -= amount0;
    p.tokensOwed1 -= amount1;
    logs.push({ kind: 'manager', address: addr(this.address), eventName: 'Collect', args: { tokenId, recipient: addr(recipient), amount0, amount1 } });
    return { amount0, amount1, paid };
  }

  /** `burn`: only a cleared position (no liquidity, nothing owed). */
  burn(tokenId: bigint, logs: EmittedLog[]): void {
    const p = this.get(tokenId);
    if (p.liquidity !== 0n || p.tokensOwed0 !== 0n || p.tokensOwed1 !== 0n) throw new RangeError(`position ${tokenId} is not cleared`);
    this.positions.delete(tokenId);
    logs.push(OTHER_LOG); // Approval to the zero address
    logs.push({ kind: 'manager', address: addr(this.address), eventName: 'Transfer', args: { from: addr(p.owner), to: addr(ZERO_ADDRESS), tokenId } });
  }

  transfer(tokenId: bigint, to: string, logs: EmittedLog[]): void {
    const p = this.get(tokenId);
    logs.push(OTHER_LOG); // Approval to the zero address
    logs.push({ kind: 'manager', address: addr(this.address), eventName: 'Transfer', args: { from: addr(p.owner), to: addr(to), tokenId } });
    p.owner = to;
  }

  private addLiquidity(target: SimulatedPool, tickLower: number, tickUpper: number, liquidity: bigint, logs: EmittedLog[]): Amounts {
    const amounts = target.pool.mint(this.address, tickLower, tickUpper, liquidity);
    pushTransfers(logs, amounts.amount0 > 0n, amounts.amount1 > 0n);
    logs.push({
      kind: 'pool',
      address: addr(target.address),
      eventName: 'Mint',
      args: { sender: addr(this.address), owner: addr(this.address), tickLower, tickUpper, amount: liquidity, ...amounts },
    });
    return amounts;
  }

  /** Fees earned since the NFT's last update, from the pool position's fee growth inside (as the manager computes them). */
  private accrueFees(p: ManagedPosition): void {
    const last = p.pool.pool.position(this.address, p.tickLower, p.tickUpper)!;
    p.tokensOwed0 = wrapUint128(
      p.tokensOwed0 + wrapUint128(mulDiv(wrapUint256(last.feeGrowthInside0LastX128 - p.feeGrowthInside0LastX128), p.liquidity, Q128)),
    );
    p.tokensOwed1 = wrapUint128(
      p.tokensOwed1 + wrapUint128(mulDiv(wrapUint256(last.feeGrowthInside1LastX128 - p.feeGrowthInside1LastX128), p.liquidity, Q128)),
    );
    p.feeGrowthInside0LastX128 = last.feeGrowthInside0LastX128;
    p.feeGrowthInside1LastX128 = last.feeGrowthInside1LastX128;
  }
}

function pushTransfers(logs: EmittedLog[], token0: boolean, token1: boolean): void {
  if (token0) logs.push(OTHER_LOG);
  if (token1) logs.push(OTHER_LOG);
}
