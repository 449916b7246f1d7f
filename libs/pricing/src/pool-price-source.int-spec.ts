import type { Token } from '@uniswap/sdk-core';
import { createTestDatabase, type TestDatabase } from '@lib/db';
import { ONE_RATIO } from '@lib/v3-math';
import type { ChainPoint } from './chain-point';
import { PoolPriceSource } from './pool-price-source';
import { pricingConfigFromEnv } from './pricing-config';
import { insertPoolEvents, insertPools } from './test-fixtures';
import { sdkHumanPrice, sdkPool, sdkToken } from './uniswap-sdk-oracle';
import type { PriceResult, UsdPriceRequest } from './usd-price-source';

// The default configuration: Flare's USD₮0 is the stablecoin, WFLR the wrapped native token.
const CONFIG = pricingConfigFromEnv({});
const USDT0 = CONFIG.usdStablecoins[0];
const WFLR = CONFIG.wrappedNative;
const A = '0x00000000000000000000000000000000000000a0'; // 18 decimals; sorts before both
const B = '0xbb00000000000000000000000000000000000000'; // 8 decimals; sorts after WFLR
const X = '0x00000000000000000000000000000000000000cc'; // decimals NULL
const Y = '0x00000000000000000000000000000000000000dd'; // 18, in a row where USD₮0's decimals are NULL

const A_USDT0 = '0x00000000000000000000000000000000000000a1';
const WFLR_USDT0 = '0x00000000000000000000000000000000000000a2';
const WFLR_B = '0x00000000000000000000000000000000000000a3';
const X_USDT0 = '0x00000000000000000000000000000000000000a4';
const Y_USDT0 = '0x00000000000000000000000000000000000000a5';
const A_WFLR = '0x00000000000000000000000000000000000000a6';

// sqrtPriceX96 values near: WFLR ≈ 0.02 USD, B ≈ 1000 WFLR, A ≈ 5 USD and ≈ 250 WFLR.
const W0 = 11_200_000_000_000_000_000_000n;
const W1 = 12_000_000_000_000_000_000_000n;
const W2 = 13_000_000_000_000_000_000_000n;
const B0 = 25_000_000_000_000_000_000_000n; // WFLR is token0 of WFLR/B: this is B per WFLR
const B1 = 26_000_000_000_000_000_000_000n;
const A0 = 177_000_000_000_000_000_000_000n;
const A1 = 180_000_000_000_000_000_000_000n;
const A_IN_WFLR = 1_252_000_000_000_000_000_000_000_000_000n;

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertPools(db.pool, [
    { address: A_USDT0, token0: A, token1: USDT0, decimals0: 18, decimals1: 6 },
    { address: WFLR_USDT0, token0: WFLR, token1: USDT0, decimals0: 18, decimals1: 6 },
    { address: WFLR_B, token0: WFLR, token1: B, decimals0: 18, decimals1: 8 },
    { address: X_USDT0, token0: X, token1: USDT0, decimals0: null, decimals1: 6 },
    { address: Y_USDT0, token0: Y, token1: USDT0, decimals0: 18, decimals1: null },
    { address: A_WFLR, token0: A, token1: WFLR, decimals0: 18, decimals1: 18 },
  ]);
  await insertPoolEvents(db.pool, [
    { pool: WFLR_USDT0, blockNumber: 100, logIndex: 0, eventName: 'Initialize', sqrtPriceX96: W0, tick: -316_000 },
    { pool: A_USDT0, blockNumber: 100, logIndex: 1, eventName: 'Initialize', sqrtPriceX96: A0, tick: -260_000 },
    { pool: X_USDT0, blockNumber: 100, logIndex: 2, eventName: 'Initialize', sqrtPriceX96: 2n ** 96n, tick: 0 },
    { pool: Y_USDT0, blockNumber: 100, logIndex: 3, eventName: 'Initialize', sqrtPriceX96: 2n ** 86n, tick: -138_630 },
    { pool: WFLR_B, blockNumber: 101, logIndex: 0, eventName: 'Initialize', sqrtPriceX96: B0, tick: -299_000 },
    { pool: X_USDT0, blockNumber: 102, logIndex: 0, eventName: 'Swap', sqrtPriceX96: 2n ** 96n, tick: 0, liquidity: 10n ** 12n },
    // A/USD₮0 ≈ 2 300 USD deep; A/WFLR from block 104 ≈ 16 million WFLR ≈ 300 000 USD deep.
    { pool: A_USDT0, blockNumber: 103, logIndex: 0, eventName: 'Swap', sqrtPriceX96: A1, tick: -259_000, liquidity: 10n ** 15n },
    { pool: A_WFLR, blockNumber: 104, logIndex: 0, eventName: 'Swap', sqrtPriceX96: A_IN_WFLR, tick: 55_000, liquidity: 10n ** 24n },
    { pool: WFLR_USDT0, blockNumber: 105, logIndex: 2, eventName: 'Swap', sqrtPriceX96: W1, tick: -315_000, liquidity: 10n ** 20n },
    { pool: WFLR_B, blockNumber: 105, logIndex: 3, eventName: 'Swap', sqrtPriceX96: B1, tick: -298_000, liquidity: 10n ** 18n },
    { pool: WFLR_USDT0, blockNumber: 105, logIndex: 4, eventName: 'Swap', sqrtPriceX96: W2, tick: -314_000, liquidity: 10n ** 20n },
  ]);
});

afterAll(() => db.drop());

// The oracle: the Uniswap SDK's own pool prices, chained with its own Price.multiply.
const T = { usdt0: sdkToken(USDT0, 6), wflr: sdkToken(WFLR, 18), a: sdkToken(A, 18), b: sdkToken(B, 8), y: sdkToken(Y, 18) };
const priceIn = (base: Token, other: Token, sqrtPriceX96: bigint) => sdkPool(base, other, sqrtPriceX96).priceOf(base);
const wflrUsd = (w: bigint) => priceIn(T.wflr, T.usdt0, w);
const viaStable = (base: Token, sqrtPriceX96: bigint, pool: string): PriceResult => ({
  ok: true,
  usdPerToken: sdkHumanPrice(priceIn(base, T.usdt0, sqrtPriceX96)),
  via: [pool],
});
const viaWflr = (base: Token, sqrtPriceX96: bigint, pool: string, w: bigint): PriceResult => ({
  ok: true,
  usdPerToken: sdkHumanPrice(priceIn(base, T.wflr, sqrtPriceX96).multiply(wflrUsd(w))),
  via: [pool, WFLR_USDT0],
});

const at = (blockNumber: number, logIndex: number): ChainPoint => ({ blockNumber, logIndex });
const source = () => PoolPriceSource.fromDatabase(db.pool, CONFIG);
const noState = (token: string, point: ChainPoint, pool: string) => ({
  ok: false,
  reason: expect.stringContaining(`no pool prices ${token} as of ${point.blockNumber}:${point.logIndex}: pool ${pool}: no Swap or Initialize before it`),
});

// [what, token, point, expected]
const cases: [string, string, ChainPoint, PriceResult | ReturnType<typeof noState>][] = [
  ['USD₮0 is 1', USDT0, at(1, 0), { ok: true, usdPerToken: ONE_RATIO, via: [] }],
  ['WFLR before its pool has a price', WFLR, at(100, 0), noState(WFLR, at(100, 0), WFLR_USDT0)],
  ['WFLR right after its Initialize', WFLR, at(100, 1), viaStable(T.wflr, W0, WFLR_USDT0)],
  ['WFLR at the log of its first swap (not yet seen)', WFLR, at(105, 2), viaStable(T.wflr, W0, WFLR_USDT0)],
  ['WFLR one log later', WFLR, at(105, 3), viaStable(T.wflr, W1, WFLR_USDT0)],
  ['WFLR after both swaps of block 105', WFLR, at(106, 0), viaStable(T.wflr, W2, WFLR_USDT0)],
  ['A at its own Initialize (not yet seen)', A, at(100, 1), noState(A, at(100, 1), A_USDT0)],
  ['A after its Initialize', A, at(100, 2), viaStable(T.a, A0, A_USDT0)],
  ['A at its swap', A, at(103, 0), viaStable(T.a, A0, A_USDT0)],
  ['A after its swap', A, at(103, 1), viaStable(T.a, A1, A_USDT0)],
  ['A once the deeper A/WFLR pool has a swap', A, at(104, 1), viaWflr(T.a, A_IN_WFLR, A_WFLR, W0)],
  ['B after its Initialize', B, at(101, 1), viaWflr(T.b, B0, WFLR_B, W0)],
  ['B between the WFLR swap and its own (same block)', B, at(105, 3), viaWflr(T.b, B0, WFLR_B, W1)],
  ['B after its swap, before the second WFLR swap', B, at(105, 4), viaWflr(T.b, B1, WFLR_B, W1)],
  ['B after block 105', B, at(105, 5), viaWflr(T.b, B1, WFLR_B, W2)],
  ['X, whose decimals are NULL', X, at(200, 0), { ok: false, reason: `decimals of ${X} unknown` }],
  ['Y, in a row with USD₮0 decimals NULL (known from other rows)', Y, at(200, 0), viaStable(T.y, 2n ** 86n, Y_USDT0)],
];

describe('PoolPriceSource on "Pool" and "PoolEvent"', () => {
  it.each(cases)('%s', async (_what, token, point, expected) => {
    const [result] = await source().pricesUsd([{ token, at: point }]);
    expect(result).toEqual(expected);
  });

  it('answers a batch the same as one request at a time, in request order', async () => {
    const requests: UsdPriceRequest[] = [...cases, ...[...cases].reverse()].map(([, token, point]) => ({
      token: token.toUpperCase().replace('0X', '0x'),
      at: point,
    }));
    const batch = await source().pricesUsd(requests);
    const singles: PriceResult[] = [];
    for (const r of requests) singles.push(...(await source().pricesUsd([r])));
    expect(batch).toEqual(singles);
    expect(batch.slice(0, cases.length)).toEqual(cases.map(([, , , expected]) => expected));
  });

  it('asks the database at most three times per batch, and not at all for a repeated one', async () => {
    let queries = 0;
    const counting = Object.create(db.pool) as typeof db.pool;
    counting.query = ((...args: unknown[]) => {
      queries++;
      return (db.pool.query as (...a: unknown[]) => unknown)(...args);
    }) as typeof db.pool.query;
    const priced = PoolPriceSource.fromDatabase(counting, CONFIG);
    const requests = cases.map(([, token, point]) => ({ token, at: point }));
    await priced.pricesUsd(requests);
    // "Pool", then the pools' timelines from the batch's median point, then the states before those.
    expect(queries).toBeLessThanOrEqual(3);
    const first = queries;
    await priced.pricesUsd(requests);
    expect(queries).toBe(first);
  });
});
