import { TickListDataProvider, v3Swap } from '@uniswap/v3-sdk';
import JSBI from 'jsbi';
import { createRng } from '@lib/local-chain';
import { Q96, getAmount0Delta, getAmount1Delta, getSqrtRatioAtTick } from '@lib/v3-math';
import { V3Pool } from './v3-pool';

const OWNER = '0x00000000000000000000000000000000000000aa';
const toJsbi = (x: bigint) => JSBI.BigInt(x.toString());
const fromJsbi = (x: JSBI) => BigInt(x.toString());

describe('V3Pool mint and burn', () => {
  it('takes both tokens in range, rounded up, and only one token outside it', () => {
    const pool = new V3Pool(3000, 60, Q96); // price 1, tick 0
    const L = 10n ** 18n;
    const inRange = pool.mint(OWNER, -600, 600, L);
    expect(inRange).toEqual({
      amount0: getAmount0Delta(Q96, getSqrtRatioAtTick(600), L, true),
      amount1: getAmount1Delta(getSqrtRatioAtTick(-600), Q96, L, true),
    });
    expect(pool.liquidity).toBe(L);

    const above = pool.mint(OWNER, 600, 1200, L); // above the price: token0 only, not in range
    expect(above.amount1).toBe(0n);
    expect(above.amount0).toBe(getAmount0Delta(getSqrtRatioAtTick(600), getSqrtRatioAtTick(1200), L, true));
    const below = pool.mint(OWNER, -1200, -600, L);
    expect(below.amount0).toBe(0n);
    expect(pool.liquidity).toBe(L);

    // Burning pays out rounded down: never more than was paid in.
    const out = pool.burn(OWNER, -600, 600, L);
    expect(out).toEqual({
      amount0: getAmount0Delta(Q96, getSqrtRatioAtTick(600), L, false),
      amount1: getAmount1Delta(getSqrtRatioAtTick(-600), Q96, L, false),
    });
    expect(out.amount0).toBeLessThanOrEqual(inRange.amount0);
    expect(pool.liquidity).toBe(0n);
    expect(pool.collect(OWNER, -600, 600, 2n ** 128n - 1n, 2n ** 128n - 1n)).toEqual(out);
  });

  it('refuses ranges off the spacing and a burn of an empty position', () => {
    const pool = new V3Pool(500, 10, Q96);
    expect(() => pool.mint(OWNER, -15, 10, 1n)).toThrow(RangeError);
    expect(() => pool.burn(OWNER, -10, 10, 0n)).toThrow(/NP/);
  });

  it('owes a lone in-range position the swap fee of the pool fee tier, less rounding', () => {
    const pool = new V3Pool(3000, 60, Q96);
    pool.mint(OWNER, -6000, 6000, 10n ** 21n);
    const amountIn = 10n ** 18n;
    const swap = pool.swap(true, amountIn);
    expect(swap.amount0).toBe(amountIn);
    pool.burn(OWNER, -6000, 6000, 0n); // poke: accrue fees
    const owed = pool.collect(OWNER, -6000, 6000, 2n ** 128n - 1n, 2n ** 128n - 1n);
    const fee = (amountIn * 3000n) / 1_000_000n;
    expect(owed.amount1).toBe(0n);
    expect(owed.amount0).toBeLessThanOrEqual(fee + 1n);
    expect(owed.amount0).toBeGreaterThanOrEqual(fee - 2n);
  });
});

describe('V3Pool swaps against @uniswap/v3-sdk v3Swap', () => {
  it("gives the SDK's amounts, price, tick and liquidity for exact-in and exact-out swaps across many ticks", async () => {
    const rng = createRng(42);
    const spacing = 10;
    const pool = new V3Pool(500, spacing, Q96 * 3n);
    const tick0 = pool.tick;
    // A full-range position and many narrow ones around the price: swaps cross ticks and word boundaries.
    pool.mint(OWNER, -887270, 887270, 10n ** 18n);
    for (let i = 0; i < 60; i++) {
      const lower = Math.floor((tick0 + rng.int(-8000, 7000)) / spacing) * spacing;
      pool.mint(OWNER, lower, lower + spacing * rng.int(1, 200), BigInt(rng.int(1, 1000)) * 10n ** 17n);
    }
    let crossed = 0;
    for (let i = 0; i < 150; i++) {
      const zeroForOne = rng.chance(0.5);
      const exactIn = rng.chance(0.7);
      const size = BigInt(rng.int(1, 1000)) * 10n ** BigInt(rng.int(13, 16));
      const amount = exactIn ? size : -size / 10n - 1n;
      const ticks = [...pool.ticks.entries()]
        .filter(([, t]) => t.liquidityGross > 0n)
        .sort(([a], [b]) => a - b)
        .map(([index, t]) => ({ index, liquidityGross: toJsbi(t.liquidityGross), liquidityNet: toJsbi(t.liquidityNet) }));
      const expected = await v3Swap(
        JSBI.BigInt(500),
        toJsbi(pool.sqrtPriceX96),
        pool.tick,
        toJsbi(pool.liquidity),
        spacing,
        new TickListDataProvider(ticks, spacing),
        zeroForOne,
        toJsbi(amount),
      );
      const liquidityBefore = pool.liquidity;
      const r = pool.swap(zeroForOne, amount);
      const calculated = zeroForOne === exactIn ? r.amount1 : r.amount0;
      expect({ calculated, sqrtPriceX96: r.sqrtPriceX96, tick: r.tick, liquidity: r.liquidity }).toEqual({
        calculated: fromJsbi(expected.amountCalculated),
        sqrtPriceX96: fromJsbi(expected.sqrtRatioX96),
        tick: expected.tickCurrent,
        liquidity: fromJsbi(expected.liquidity),
      });
      if (r.liquidity !== liquidityBefore) crossed++;
    }
    expect(crossed).toBeGreaterThan(20);
  });
});
