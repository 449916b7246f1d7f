import { divRatio, mulRatio, ONE_RATIO, Q96, type Ratio, ratio } from '@lib/v3-math';
import type { ChainPoint } from './chain-point';
import { PoolDirectory, type PoolTokens } from './pool-directory';
import type { PoolState } from './pool-state';
import type { PricingConfig } from './pricing-config';
import type { PriceResult } from './usd-price-source';
import { createTokenUsdPricer, poolsToPrice } from './token-usd-price';
import { sdkHumanPrice, sdkPool, sdkToken } from './uniswap-sdk-oracle';

// Addresses in the order Uniswap sorts pool tokens (token0 = lower address).
const A = '0x000000000000000000000000000000000000000a'; // 18 decimals
const WFLR = '0x000000000000000000000000000000000000000b'; // 18
const USDT = '0x000000000000000000000000000000000000000c'; // 6, a stablecoin
const USDC = '0x000000000000000000000000000000000000000d'; // 6, a stablecoin
const B = '0x000000000000000000000000000000000000000e'; // 8
const X = '0x000000000000000000000000000000000000000f'; // decimals unknown

const CONFIG: PricingConfig = { usdStablecoins: [USDT, USDC], wrappedNative: WFLR };
const AT: ChainPoint = { blockNumber: 100, logIndex: 3 };

let poolNumber = 0;
function pool(token0: string, token1: string, decimals0: number | null, decimals1: number | null, address?: string): PoolTokens {
  return { address: address ?? `0x${(0xa000 + ++poolNumber).toString(16).padStart(40, '0')}`, token0, token1, decimals0, decimals1 };
}

function swap(p: PoolTokens, sqrtPriceX96: bigint, liquidity: bigint | null = 10n ** 18n): PoolState {
  return {
    pool: p.address,
    sqrtPriceX96,
    tick: 0,
    liquidity,
    source: { id: `${p.address}:1`, eventName: liquidity === null ? 'Initialize' : 'Swap', blockNumber: 99, logIndex: 0 },
  };
}

/** A market where each pool has one state (or none) whatever the point. */
function pricer(pools: PoolTokens[], states: PoolState[], config = CONFIG) {
  const byPool = new Map(states.map((s) => [s.pool, s]));
  return createTokenUsdPricer({ directory: new PoolDirectory(pools), stateOf: (p) => byPool.get(p) ?? null }, config);
}

function expectPrice(result: ReturnType<ReturnType<typeof pricer>>, usdPerToken: Ratio, via: string[]) {
  expect(result).toEqual({ ok: true, usdPerToken, via });
}

// √P = 2^96 / 2^20: raw price 2^-40 token1 units per token0 unit.
const SQRT_2_POW_MINUS_20 = Q96 >> 20n;

describe('stablecoins', () => {
  it('are worth exactly 1 USD, whatever their pools say, through no pool', () => {
    const price = pricer([], []);
    expectPrice(price(USDT, AT), ONE_RATIO, []);
    expectPrice(price(USDC.toUpperCase().replace('0X', '0x'), AT), ONE_RATIO, []);
  });
});

describe('a token paired with a stablecoin', () => {
  it('is worth the pool price in that stablecoin, exactly (hand-worked)', () => {
    // A (18 dec) is token0, USDT (6 dec) token1: 1 A = 2^-40 · 10^18 units of USDT = 10^12 / 2^40 USDT.
    const aUsdt = pool(A, USDT, 18, 6);
    expectPrice(pricer([aUsdt], [swap(aUsdt, SQRT_2_POW_MINUS_20)])(A, AT), ratio(10n ** 12n, 2n ** 40n), [aUsdt.address]);
  });

  it('as token1 of its pool too (the inverse price; SDK as oracle)', () => {
    // USDT is token0 of a USDT/B pool; B has 8 decimals.
    const usdtB = pool(USDT, B, 6, 8);
    const sqrtPriceX96 = 123_456_789_012_345_678_901_234_567n;
    const sdk = sdkPool(sdkToken(USDT, 6), sdkToken(B, 8), sqrtPriceX96);
    expectPrice(pricer([usdtB], [swap(usdtB, sqrtPriceX96)])(B, AT), sdkHumanPrice(sdk.priceOf(sdkToken(B, 8))), [usdtB.address]);
  });
});

describe('the deepest pool', () => {
  // Two A pools at different prices: A/USDT at 10^12/2^40 USD, A/USDC at 4× that (√P twice as large).
  const aUsdt = pool(A, USDT, 18, 6);
  const aUsdc = pool(A, USDC, 18, 6);
  const priceInUsdt = ratio(10n ** 12n, 2n ** 40n);
  const priceInUsdc = ratio(4n * 10n ** 12n, 2n ** 40n);
  // Liquidity giving a stablecoin virtual reserve of `usd` whole tokens: reserve1 = L·√P / 2^96 / 10^6.
  const liquidityFor = (usd: bigint, sqrtPriceX96: bigint) => (usd * 10n ** 6n * Q96) / sqrtPriceX96;

  it('wins by the larger in-range reserve of its stablecoin side', () => {
    const usdtDeeper = [
      swap(aUsdt, SQRT_2_POW_MINUS_20, liquidityFor(150n, SQRT_2_POW_MINUS_20)),
      swap(aUsdc, 2n * SQRT_2_POW_MINUS_20, liquidityFor(100n, 2n * SQRT_2_POW_MINUS_20)),
    ];
    expectPrice(pricer([aUsdt, aUsdc], usdtDeeper)(A, AT), priceInUsdt, [aUsdt.address]);
    const usdcDeeper = [
      swap(aUsdt, SQRT_2_POW_MINUS_20, liquidityFor(150n, SQRT_2_POW_MINUS_20)),
      swap(aUsdc, 2n * SQRT_2_POW_MINUS_20, liquidityFor(151n, 2n * SQRT_2_POW_MINUS_20)),
    ];
    expectPrice(pricer([aUsdt, aUsdc], usdcDeeper)(A, AT), priceInUsdc, [aUsdc.address]);
  });

  it('compares reserves, not liquidity L: a smaller L at a higher √P can be deeper', () => {
    // The stablecoin reserve is L·√P: A/USDC's √P is twice A/USDT's.
    const lUsdt = liquidityFor(100n, SQRT_2_POW_MINUS_20);
    const lUsdc = (lUsdt * 3n) / 4n; // ¾ of the L, 1.5× the reserve
    const states = [swap(aUsdt, SQRT_2_POW_MINUS_20, lUsdt), swap(aUsdc, 2n * SQRT_2_POW_MINUS_20, lUsdc)];
    expectPrice(pricer([aUsdt, aUsdc], states)(A, AT), priceInUsdc, [aUsdc.address]);
    const states2 = [swap(aUsdt, SQRT_2_POW_MINUS_20, lUsdt), swap(aUsdc, 2n * SQRT_2_POW_MINUS_20, lUsdt / 3n)]; // ⅓ of the L, ⅔ of the reserve
    expectPrice(pricer([aUsdt, aUsdc], states2)(A, AT), priceInUsdt, [aUsdt.address]);
  });

  it('on equal depth, is the pool with the lower address', () => {
    const low = pool(A, USDT, 18, 6, '0x00000000000000000000000000000000000000a1');
    const high = pool(A, USDC, 18, 6, '0x00000000000000000000000000000000000000a2');
    const L = liquidityFor(100n, SQRT_2_POW_MINUS_20);
    expectPrice(pricer([high, low], [swap(high, 2n * SQRT_2_POW_MINUS_20, L / 2n), swap(low, SQRT_2_POW_MINUS_20, L)])(A, AT), priceInUsdt, [low.address]);
  });

  it('counts a pool whose last price is its Initialize (no liquidity known) as depth 0: used only when nothing deeper exists', () => {
    const initialized = [swap(aUsdt, SQRT_2_POW_MINUS_20, null)];
    expectPrice(pricer([aUsdt, aUsdc], initialized)(A, AT), priceInUsdt, [aUsdt.address]);
    const plusASwap = [...initialized, swap(aUsdc, 2n * SQRT_2_POW_MINUS_20, 1n)];
    expectPrice(pricer([aUsdt, aUsdc], plusASwap)(A, AT), priceInUsdc, [aUsdc.address]);
  });
});

describe('a token paired with the wrapped native token', () => {
  // WFLR (18, token0) / USDT (6): 1 WFLR = 10^12 / 2^40 USD ≈ 0.909.
  const wflrUsdt = pool(WFLR, USDT, 18, 6);
  // WFLR (18, token0) / B (8): an arbitrary sqrt price; B is token1.
  const wflrB = pool(WFLR, B, 18, 8);
  const SQRT_WFLR_B = 987_654_321_987_654_321_987n;

  it("is worth its WFLR price times WFLR's USD price, exactly (SDK chains the two prices as oracle)", () => {
    const sdkB = sdkToken(B, 8);
    const sdkWflr = sdkToken(WFLR, 18);
    const sdkUsdt = sdkToken(USDT, 6);
    const expected = sdkPool(sdkWflr, sdkB, SQRT_WFLR_B)
      .priceOf(sdkB)
      .multiply(sdkPool(sdkWflr, sdkUsdt, SQRT_2_POW_MINUS_20).priceOf(sdkWflr));
    const price = pricer([wflrUsdt, wflrB], [swap(wflrUsdt, SQRT_2_POW_MINUS_20), swap(wflrB, SQRT_WFLR_B)]);
    expectPrice(price(B, AT), sdkHumanPrice(expected), [wflrB.address, wflrUsdt.address]);
    expectPrice(price(WFLR, AT), ratio(10n ** 12n, 2n ** 40n), [wflrUsdt.address]);
  });

  it('competes with stablecoin pools on depth in USD: a deep WFLR pool beats a shallow stablecoin pool', () => {
    // USDC (6, token0) / B (8, token1) at √P = 2^96: one raw unit each way, so 1 B = 10^8 USDC units = 100 USD.
    // Its USDC virtual reserve is L·2^96/√P = L raw units: L = 10^7 → 10 USDC deep.
    const bUsdc = pool(USDC, B, 6, 8);
    const shallow = swap(bUsdc, Q96, 10n ** 7n);
    const deep = swap(wflrB, SQRT_WFLR_B, 10n ** 24n); // ≈ 8·10^13 WFLR in range
    const price = pricer([wflrUsdt, wflrB, bUsdc], [swap(wflrUsdt, SQRT_2_POW_MINUS_20), deep, shallow]);
    expect(price(B, AT)).toMatchObject({ ok: true, via: [wflrB.address, wflrUsdt.address] });
    const priceWithoutDepth = pricer([wflrUsdt, wflrB, bUsdc], [swap(wflrUsdt, SQRT_2_POW_MINUS_20), swap(wflrB, SQRT_WFLR_B, 1n), shallow]);
    expectPrice(priceWithoutDepth(B, AT), ratio(100n), [bUsdc.address]);
  });

  it('the wrapped-native route is used only for the WFLR leg: WFLR itself needs a stablecoin pool', () => {
    const price = pricer([wflrB], [swap(wflrB, SQRT_WFLR_B)]);
    expect(price(WFLR, AT)).toEqual({ ok: false, reason: `no pool pairs ${WFLR} with a USD stablecoin` });
    const result = price(B, AT);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(`pool ${wflrB.address}: no pool pairs ${WFLR} with a USD stablecoin`);
  });

  it("lists the pools whose state it needs: the token's, then WFLR's stablecoin pools", () => {
    const unrelated = pool(A, B, 18, 8);
    const directory = new PoolDirectory([wflrUsdt, wflrB, unrelated]);
    expect(poolsToPrice(B, directory, CONFIG)).toEqual([wflrB.address, wflrUsdt.address]);
    expect(poolsToPrice(WFLR, directory, CONFIG)).toEqual([wflrUsdt.address]);
    expect(poolsToPrice(USDT, directory, CONFIG)).toEqual([]);
  });
});

describe('no price, with the reason', () => {
  it('unknown decimals of the token', () => {
    const xUsdt = pool(USDT, X, 6, null);
    expect(pricer([xUsdt], [swap(xUsdt, Q96)])(X, AT)).toEqual({ ok: false, reason: `decimals of ${X} unknown` });
  });

  it('decimals that "Pool" rows disagree on', () => {
    const one = pool(A, USDT, 18, 6);
    const two = pool(A, USDC, 6, 6);
    const result = pricer([one, two], [swap(one, Q96), swap(two, Q96)])(A, AT);
    expect(result).toEqual({ ok: false, reason: `decimals of ${A} unknown ("Pool" rows disagree: 6, 18)` });
  });

  it('but a NULL in one row is filled from another row of the same token', () => {
    const aUsdt = pool(A, USDT, null, 6);
    const aWflr = pool(A, WFLR, 18, null);
    const wflrUsdt = pool(WFLR, USDT, 18, null);
    const result = pricer([aUsdt, aWflr, wflrUsdt], [swap(aUsdt, SQRT_2_POW_MINUS_20)])(A, AT);
    expectPrice(result, ratio(10n ** 12n, 2n ** 40n), [aUsdt.address]);
  });

  it('unknown decimals of the quote token', () => {
    const aUsdt = pool(A, USDT, 18, null);
    const result = pricer([aUsdt], [swap(aUsdt, Q96)])(A, AT);
    expect(result).toEqual({ ok: false, reason: `no pool prices ${A} as of 100:3: pool ${aUsdt.address}: decimals of ${USDT} unknown` });
  });

  it('no pool state before the point', () => {
    const aUsdt = pool(A, USDT, 18, 6);
    expect(pricer([aUsdt], [])(A, AT)).toEqual({
      ok: false,
      reason: `no pool prices ${A} as of 100:3: pool ${aUsdt.address}: no Swap or Initialize before it`,
    });
  });

  it('no pool pairing the token with a stablecoin or WFLR', () => {
    const aB = pool(A, B, 18, 8);
    expect(pricer([aB], [swap(aB, Q96)])(A, AT)).toEqual({ ok: false, reason: `no pool pairs ${A} with a USD stablecoin or ${WFLR}` });
  });
});

describe('exactness', () => {
  it('keeps full precision through two pools (no rounding before the caller converts)', () => {
    // √P values that are not powers of two: the exact product has a huge denominator.
    const wflrUsdt = pool(WFLR, USDT, 18, 6);
    const aWflr = pool(A, WFLR, 18, 18);
    const s1 = 79_228_162_514_264_337_593_543n; // ≈ 2^96 / 10^6
    const s2 = 3n * Q96 + 7n;
    const result = pricer([wflrUsdt, aWflr], [swap(wflrUsdt, s1), swap(aWflr, s2)])(A, AT);
    // By hand: price(A in WFLR) = s2² / 2^192; price(WFLR in USDT) = s1² / 2^192 · 10^12.
    const expected = mulRatio(ratio(s2 * s2, 1n << 192n), divRatio(ratio(s1 * s1 * 10n ** 12n), ratio(1n << 192n)));
    expectPrice(result, expected, [aWflr.address, wflrUsdt.address]);
  });
});

describe('the price memo (across calls, keyed by the states read)', () => {
  const wflrUsdt = pool(WFLR, USDT, 18, 6);
  const aWflr = pool(A, WFLR, 18, 18);
  const s = (n: bigint, p: PoolTokens, block: number): PoolState => ({
    ...swap(p, n * Q96 + 7n),
    source: { id: `${p.address}:${block}`, eventName: 'Swap', blockNumber: block, logIndex: 0 },
  });
  // WFLR/USDT swaps at blocks 10 and 20, A/WFLR at 15: the states seen change at 11, 16 and 21.
  const history = [s(3n, wflrUsdt, 10), s(5n, wflrUsdt, 20), s(2n, aWflr, 15)];
  const stateOf = (p: string, at: ChainPoint) =>
    history.filter((h) => h.pool === p && h.source.blockNumber < at.blockNumber).sort((x, y) => y.source.blockNumber - x.source.blockNumber)[0] ?? null;
  const market = { directory: new PoolDirectory([wflrUsdt, aWflr]), stateOf };

  it('gives what pricing without it gives, computing once per combination of states', () => {
    const stored = new Map<string, PriceResult>();
    let sets = 0;
    const memo = { get: (k: string) => stored.get(k), set: (k: string, v: PriceResult) => void (sets++, stored.set(k, v)) };
    for (let block = 5; block <= 25; block++) {
      const at = { blockNumber: block, logIndex: 0 };
      // A fresh pricer per call, as each batch makes one: only the memo carries over.
      for (const token of [A, WFLR]) expect(createTokenUsdPricer(market, CONFIG, memo)(token, at)).toEqual(createTokenUsdPricer(market, CONFIG)(token, at));
    }
    // A: priced from block 16 on (states 10+15, 20+15); WFLR: from 11 (state 10, state 20). Failures are not kept.
    expect(sets).toBe(4);
    expect([...stored.values()].every((v) => v.ok)).toBe(true);
  });
});
