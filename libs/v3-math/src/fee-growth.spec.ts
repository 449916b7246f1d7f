import { TickLibrary } from '@uniswap/v3-sdk';
import fc from 'fast-check';
import JSBI from 'jsbi';
import { feeGrowthInside, unclaimedFees } from './fee-growth';
import { Q128 } from './full-math';
import { MAX_UINT128, MAX_UINT256 } from './uint';

// A failing property reports within seconds instead of shrinking big bigints for minutes.
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true });

const toJsbi = (x: bigint) => JSBI.BigInt(x.toString());
const fromJsbi = (x: JSBI) => BigInt(x.toString());
const Q256 = 2n ** 256n;

/**
 * A minimal model of how the pool maintains the accumulators, written from the
 * whitepaper rules rather than from feeGrowthInside: a tick initialized at or below the
 * current tick starts with outside = global, else 0; crossing a tick flips its outside
 * value to global − outside; everything is mod 2^256. The model also records the growth
 * that really happened while the price was inside the position's range — the oracle.
 */
class PoolModel {
  outside = new Map<number, bigint>();
  earnedInside = 0n;
  constructor(
    public global: bigint,
    public tick: number,
    private readonly range: [number, number],
  ) {}

  initTick(t: number): void {
    if (!this.outside.has(t)) this.outside.set(t, t <= this.tick ? this.global : 0n);
  }

  accrue(growth: bigint): void {
    this.global = (this.global + growth) % Q256;
    if (this.range[0] <= this.tick && this.tick < this.range[1]) this.earnedInside += growth;
  }

  moveTo(next: number): void {
    // Up: cross every tick in (tick, next]; down: every tick in (next, tick].
    const [from, to] = next > this.tick ? [this.tick, next] : [next, this.tick];
    for (const [t, value] of this.outside) {
      if (from < t && t <= to) this.outside.set(t, (((this.global - value) % Q256) + Q256) % Q256);
    }
    this.tick = next;
  }

  inside(): bigint {
    const [lower, upper] = this.range;
    return feeGrowthInside(this.tick, lower, upper, this.global, this.outside.get(lower)!, this.outside.get(upper)!);
  }
}

describe('feeGrowthInside', () => {
  const lower = -100;
  const upper = 100;

  it('uses the outside values as below/above or as their complements, by where the tick is', () => {
    const global = 1000n;
    // Inside: below = lowerOutside, above = upperOutside → 1000 − 100 − 200.
    expect(feeGrowthInside(0, lower, upper, global, 100n, 200n)).toBe(700n);
    // tick == tickLower counts as inside.
    expect(feeGrowthInside(lower, lower, upper, global, 100n, 200n)).toBe(700n);
    // Below the range: below = global − lowerOutside = 900, above = 200 → 1000 − 900 − 200 = −100.
    expect(feeGrowthInside(-150, lower, upper, global, 100n, 200n)).toBe(Q256 - 100n);
    // Above (tick == tickUpper is above): above = global − upperOutside = 800 → 1000 − 100 − 800.
    expect(feeGrowthInside(upper, lower, upper, global, 100n, 200n)).toBe(100n);
  });

  it('wraps mod 2^256 when the global accumulator is below the outside values', () => {
    const k = 2n ** 64n; // growth unit; with L = 2^64 each unit of growth is one token unit
    // global 5k, outside 10k and 3k, tick inside: 5k − 10k − 3k = −8k ≡ 2^256 − 8k.
    const before = feeGrowthInside(0, lower, upper, 5n * k, 10n * k, 3n * k);
    expect(before).toBe(Q256 - 8n * k);
    // 20k more growth while inside (no crossing): 25k − 10k − 3k = 12k; the difference is still 20k.
    const after = feeGrowthInside(0, lower, upper, 25n * k, 10n * k, 3n * k);
    expect(after).toBe(12n * k);
    // fees = 7 owed + 20k · 2^64 / 2^128 = 7 + 20.
    expect(unclaimedFees({ liquidity: k, feeGrowthInsideX128: after, feeGrowthInsideLastX128: before, tokensOwed: 7n })).toBe(27n);
  });

  it('matches the SDK TickLibrary on random accumulators and ticks (seeded)', () => {
    const uint256 = fc.bigInt({ min: 0n, max: MAX_UINT256 });
    const tick = fc.integer({ min: -1000, max: 1000 });
    fc.assert(
      fc.property(tick, tick, tick, uint256, uint256, uint256, (t, a, b, global, outsideLower, outsideUpper) => {
        fc.pre(a !== b);
        const [tl, tu] = [Math.min(a, b), Math.max(a, b)];
        const [sdk] = TickLibrary.getFeeGrowthInside(
          { feeGrowthOutside0X128: toJsbi(outsideLower), feeGrowthOutside1X128: toJsbi(0n) },
          { feeGrowthOutside0X128: toJsbi(outsideUpper), feeGrowthOutside1X128: toJsbi(0n) },
          tl,
          tu,
          t,
          toJsbi(global),
          toJsbi(0n),
        );
        expect(feeGrowthInside(t, tl, tu, global, outsideLower, outsideUpper)).toBe(fromJsbi(sdk!));
      }),
      { seed: 6001, numRuns: 1000 },
    );
  });

  it('measures exactly the growth earned while in range, through crossings and overflow (seeded model)', () => {
    const step = fc.oneof(fc.record({ accrue: fc.bigInt({ min: 0n, max: 1n << 130n }) }), fc.record({ moveTo: fc.integer({ min: -300, max: 300 }) }));
    fc.assert(
      fc.property(
        // Half the runs start just below 2^256 so the global accumulator itself overflows.
        fc.oneof(fc.bigInt({ min: 0n, max: MAX_UINT256 }), fc.bigInt({ min: MAX_UINT256 - (1n << 132n), max: MAX_UINT256 })),
        fc.integer({ min: -300, max: 300 }),
        fc.array(step, { maxLength: 40 }),
        fc.bigInt({ min: 0n, max: MAX_UINT128 }),
        (global, startTick, steps, liquidity) => {
          const pool = new PoolModel(global, startTick, [lower, upper]);
          // Other positions' ticks, initialized and crossed too, must not disturb ours.
          for (const t of [-200, -50, 50, 200]) pool.initTick(t);
          pool.accrue(1n << 129n);
          pool.initTick(lower); // the mint of our position
          pool.initTick(upper);
          const insideAtMint = pool.inside();
          pool.earnedInside = 0n;
          for (const s of steps) {
            if ('accrue' in s) pool.accrue(s.accrue);
            else pool.moveTo(s.moveTo);
          }

          expect((pool.inside() - insideAtMint + Q256) % Q256).toBe(pool.earnedInside);
          const fees = unclaimedFees({ liquidity, feeGrowthInsideX128: pool.inside(), feeGrowthInsideLastX128: insideAtMint, tokensOwed: 0n });
          expect(fees).toBe(((pool.earnedInside * liquidity) / Q128) % 2n ** 128n);
        },
      ),
      { seed: 6002, numRuns: 500 },
    );
  });

  it('refuses values no uint256 accumulator could hold', () => {
    expect(() => feeGrowthInside(0, lower, upper, -1n, 0n, 0n)).toThrow(RangeError);
    expect(() => feeGrowthInside(0, lower, upper, Q256, 0n, 0n)).toThrow(RangeError);
  });
});

describe('unclaimedFees', () => {
  it('is tokensOwed plus L·Δgrowth/2^128, rounded down', () => {
    // Δ = 3·2^128 / 10 per unit of liquidity, L = 1000 → 300 exactly; plus 5 owed.
    expect(unclaimedFees({ liquidity: 1000n, feeGrowthInsideX128: (3n * Q128) / 10n + 1n, feeGrowthInsideLastX128: 0n, tokensOwed: 5n })).toBe(305n);
    // Δ = 2^128 / 3, L = 2 → 0.666… → 0.
    expect(unclaimedFees({ liquidity: 2n, feeGrowthInsideX128: Q128 / 3n, feeGrowthInsideLastX128: 0n, tokensOwed: 0n })).toBe(0n);
    expect(unclaimedFees({ liquidity: 0n, feeGrowthInsideX128: Q128, feeGrowthInsideLastX128: 0n, tokensOwed: 9n })).toBe(9n);
  });

  it('wraps Δgrowth across 2^256 (last snapshot numerically above the current value)', () => {
    const last = MAX_UINT256 - Q128 + 1n; // ≡ −2^128
    expect(unclaimedFees({ liquidity: 7n, feeGrowthInsideX128: Q128, feeGrowthInsideLastX128: last, tokensOwed: 0n })).toBe(14n);
  });

  it('truncates like uint128(...) and tokensOwed += ... in Solidity 0.7', () => {
    // L = 2^127, Δ = 2^129 + 6 → L·Δ/2^128 = 2^128 + 3 → uint128 keeps 3.
    expect(unclaimedFees({ liquidity: 2n ** 127n, feeGrowthInsideX128: 2n ** 129n + 6n, feeGrowthInsideLastX128: 0n, tokensOwed: 5n })).toBe(8n);
    // Δ = 2^200, L = 2^100 → 2^172 ≡ 0 mod 2^128.
    expect(unclaimedFees({ liquidity: 2n ** 100n, feeGrowthInsideX128: 2n ** 200n, feeGrowthInsideLastX128: 0n, tokensOwed: 5n })).toBe(5n);
    // tokensOwed at the uint128 maximum plus 1 wraps to 0.
    expect(unclaimedFees({ liquidity: 1n, feeGrowthInsideX128: Q128, feeGrowthInsideLastX128: 0n, tokensOwed: MAX_UINT128 })).toBe(0n);
  });
});
