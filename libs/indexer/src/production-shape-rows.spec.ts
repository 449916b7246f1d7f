import type { Address, Hex } from 'viem';
import { fullShapeRows } from './full-shape-rows';
import { uniformQuirkRates, type WindowLogs } from './index-shape';
import type { PoolCreatedLog } from './pool-created-log-rows';
import type { PoolLog } from './pool-log-rows';
import { ZERO_ADDRESS, type PositionManagerLog } from './position-manager-log-rows';
import { productionShapeRows, productionShapeTimestampBlocks } from './production-shape-rows';

const MANAGER = '0xAbCdEf0000000000000000000000000000000001' as Address;
const FACTORY = '0xFaC70A0000000000000000000000000000000001' as Address;
const POOL = '0x4a7d4d76bf8f0e8ad2c8e5a6f7c3b2a190000001' as Address;
const T0 = '0xAAAA00000000000000000000000000000000000A' as Address;
const T1 = '0xBBBB00000000000000000000000000000000000B' as Address;
const ALICE = '0xA11CE00000000000000000000000000000000001' as Address;
const TX_MINT = ('0x' + '11'.repeat(32)) as Hex;
const TX_DEC = ('0x' + '22'.repeat(32)) as Hex;
const TX_COLLECT = ('0x' + '33'.repeat(32)) as Hex;
const TX_BURN = ('0x' + '44'.repeat(32)) as Hex;
const TX_POOL = ('0x' + '55'.repeat(32)) as Hex;

/** Blocks 100..109: stamp windows of 4 anchored at 100 → [100..103] middle 101, [104..107] middle 105, [108..109] middle 108. */
const plan = { anchor: 100, size: 4, lastBlock: 109 };
const timestamps = new Map(Array.from({ length: 10 }, (_, i) => [100 + i, 1_700_000_000 + 10 * i]));
const tokens = new Map([
  [T0.toLowerCase(), { symbol: 'USDT0', name: 'USD T0', decimals: 6 }],
  [T1.toLowerCase(), { symbol: 'WFLR', name: 'Wrapped Flare', decimals: 18 }],
]);

const at = (address: Address, tx: Hex, blockNumber: number, logIndex: number) => ({ address, blockNumber: BigInt(blockNumber), transactionHash: tx, logIndex });

const manager: PositionManagerLog[] = [
  { ...at(MANAGER, TX_MINT, 100, 3), eventName: 'Transfer', args: { from: ZERO_ADDRESS, to: ALICE, tokenId: 7n } },
  { ...at(MANAGER, TX_MINT, 100, 5), eventName: 'IncreaseLiquidity', args: { tokenId: 7n, liquidity: 1000n, amount0: 10n, amount1: 20n } },
  { ...at(MANAGER, TX_DEC, 105, 2), eventName: 'DecreaseLiquidity', args: { tokenId: 7n, liquidity: 400n, amount0: 4n, amount1: 8n } },
  { ...at(MANAGER, TX_COLLECT, 106, 4), eventName: 'Collect', args: { tokenId: 7n, recipient: ALICE, amount0: 5n, amount1: 9n } },
  { ...at(MANAGER, TX_BURN, 109, 1), eventName: 'Transfer', args: { from: ALICE, to: ZERO_ADDRESS, tokenId: 7n } },
];
const pool: PoolLog[] = [
  { ...at(POOL, TX_POOL, 100, 1), eventName: 'Initialize', args: { sqrtPriceX96: 2n ** 96n, tick: 0 } },
  {
    ...at(POOL, TX_MINT, 100, 4),
    eventName: 'Mint',
    args: { sender: MANAGER, owner: MANAGER, tickLower: -60, tickUpper: 60, amount: 1000n, amount0: 10n, amount1: 20n },
  },
  { ...at(POOL, TX_DEC, 105, 1), eventName: 'Burn', args: { owner: MANAGER, tickLower: -60, tickUpper: 60, amount: 400n, amount0: 4n, amount1: 8n } },
  {
    ...at(POOL, TX_COLLECT, 106, 3),
    eventName: 'Collect',
    args: { owner: MANAGER, recipient: ALICE, tickLower: -60, tickUpper: 60, amount0: 5n, amount1: 9n },
  },
  {
    ...at(POOL, TX_POOL, 107, 0),
    eventName: 'Swap',
    args: { sender: ALICE, recipient: ALICE, amount0: -3n, amount1: 7n, sqrtPriceX96: 2n ** 96n, liquidity: 600n, tick: 1 },
  },
  { ...at(POOL, TX_POOL, 107, 1), eventName: 'Flash', args: { sender: ALICE, recipient: ALICE, amount0: 1n, amount1: 1n, paid0: 0n, paid1: 0n } },
];
const poolCreated: PoolCreatedLog[] = [
  { ...at(FACTORY, TX_POOL, 100, 0), eventName: 'PoolCreated', args: { token0: T0, token1: T1, fee: 3000, tickSpacing: 60, pool: POOL } },
];
const logs: WindowLogs = { poolCreated, manager, pool };
const context = { dex: 'enosys', tokens, timestamps, stampPlan: plan };

const nullPositionFacts = {
  pool: 'unknown',
  sender: null,
  owner: null,
  tickLower: null,
  tickUpper: null,
  tick: null,
  sqrtPriceX96: null,
  price1Per0: null,
  usdValue: null,
  metadata: null,
};
const nullPoolFacts = {
  sender: null,
  owner: null,
  recipient: null,
  tickLower: null,
  tickUpper: null,
  amount: null,
  amount0: null,
  amount1: null,
  sqrtPriceX96: null,
  liquidity: null,
  tick: null,
};
const where = (tx: Hex, blockNumber: number, logIndex: number) => ({ id: `${tx}:${logIndex}`, blockNumber, txHash: tx, logIndex });

describe('productionShapeRows', () => {
  it('writes INCREASE, DECREASE (positive delta), COLLECT only, stamped with the middle block of their stamp window', () => {
    const out = productionShapeRows(logs, context);
    expect(out.skipped).toEqual([]);
    expect(out.positionEvents).toEqual([
      {
        ...where(TX_MINT, 100, 5),
        ...nullPositionFacts,
        tokenId: '7',
        timestamp: 1_700_000_010,
        eventType: 'INCREASE',
        recipient: null,
        liquidityDelta: '1000',
        amount0: '10',
        amount1: '20',
      },
      {
        ...where(TX_DEC, 105, 2),
        ...nullPositionFacts,
        tokenId: '7',
        timestamp: 1_700_000_050,
        eventType: 'DECREASE',
        recipient: null,
        liquidityDelta: '400',
        amount0: '4',
        amount1: '8',
      },
      {
        ...where(TX_COLLECT, 106, 4),
        ...nullPositionFacts,
        tokenId: '7',
        timestamp: 1_700_000_050,
        eventType: 'COLLECT',
        recipient: ALICE.toLowerCase(),
        liquidityDelta: null,
        amount0: '5',
        amount1: '9',
      },
    ]);
  });

  it('writes every Transfer as a "PositionTransfer" with the stamp, no metadata, the manager in "nfpmAddress"', () => {
    expect(productionShapeRows(logs, context).positionTransfers).toEqual([
      {
        ...where(TX_MINT, 100, 3),
        tokenId: '7',
        from: ZERO_ADDRESS,
        to: ALICE.toLowerCase(),
        timestamp: 1_700_000_010,
        metadata: null,
        nfpmAddress: MANAGER.toLowerCase(),
      },
      // Block 109 is in the last, incomplete window [108..109]: its middle is 108.
      {
        ...where(TX_BURN, 109, 1),
        tokenId: '7',
        from: ALICE.toLowerCase(),
        to: ZERO_ADDRESS,
        timestamp: 1_700_000_080,
        metadata: null,
        nfpmAddress: MANAGER.toLowerCase(),
      },
    ]);
  });

  it('writes PoolCreated (pool = the factory, nothing decoded), Mint, Burn, Collect, Swap at block time, and no Initialize or Flash', () => {
    const out = productionShapeRows(logs, context);
    expect(out.poolEvents).toEqual([
      { ...where(TX_POOL, 100, 0), pool: FACTORY.toLowerCase(), timestamp: 1_700_000_000, eventName: 'PoolCreated', ...nullPoolFacts },
      {
        ...where(TX_MINT, 100, 4),
        pool: POOL.toLowerCase(),
        timestamp: 1_700_000_000,
        eventName: 'Mint',
        ...nullPoolFacts,
        sender: MANAGER.toLowerCase(),
        owner: MANAGER.toLowerCase(),
        tickLower: -60,
        tickUpper: 60,
        amount: '1000',
        amount0: '10',
        amount1: '20',
      },
      {
        ...where(TX_DEC, 105, 1),
        pool: POOL.toLowerCase(),
        timestamp: 1_700_000_050,
        eventName: 'Burn',
        ...nullPoolFacts,
        owner: MANAGER.toLowerCase(),
        tickLower: -60,
        tickUpper: 60,
        amount: '400',
        amount0: '4',
        amount1: '8',
      },
      {
        ...where(TX_COLLECT, 106, 3),
        pool: POOL.toLowerCase(),
        timestamp: 1_700_000_060,
        eventName: 'Collect',
        ...nullPoolFacts,
        owner: MANAGER.toLowerCase(),
        recipient: ALICE.toLowerCase(),
        tickLower: -60,
        tickUpper: 60,
        amount0: '5',
        amount1: '9',
      },
      {
        ...where(TX_POOL, 107, 0),
        pool: POOL.toLowerCase(),
        timestamp: 1_700_000_070,
        eventName: 'Swap',
        ...nullPoolFacts,
        sender: ALICE.toLowerCase(),
        recipient: ALICE.toLowerCase(),
        amount0: '-3',
        amount1: '7',
        sqrtPriceX96: (2n ** 96n).toString(),
        liquidity: '600',
        tick: 1,
      },
    ]);
  });

  it('writes the same "Pool" rows as the full shape', () => {
    const production = productionShapeRows(logs, context).pools;
    expect(production).toEqual(fullShapeRows(logs, context).pools);
    expect(production).toHaveLength(1);
  });

  it("needs the timestamps of the pool and factory logs' blocks and of the manager logs' stamp blocks", () => {
    expect(new Set(productionShapeTimestampBlocks(logs, plan))).toEqual(new Set([100, 105, 106, 107, 101, 108]));
  });

  it('skips a manager log whose stamp block has no timestamp, with the reason', () => {
    const partial = new Map([...timestamps].filter(([block]) => block !== 105));
    const out = productionShapeRows(logs, { ...context, timestamps: partial });
    expect(out.skipped.map((s) => [s.id, s.reason])).toEqual([
      [`${TX_DEC}:2`, 'no timestamp for stamp block 105'],
      [`${TX_COLLECT}:4`, 'no timestamp for stamp block 105'],
      [`${TX_DEC}:1`, 'no timestamp for block 105'],
    ]);
  });

  it('agrees with the full shape on everything but what production lacks', () => {
    const full = fullShapeRows(logs, context);
    const production = productionShapeRows(logs, context);
    const fullEvents = full.positionEvents.filter((r) => r.eventType !== 'BURN');
    expect(production.positionEvents.map((r) => [r.id, r.blockNumber, r.logIndex, r.amount0, r.amount1])).toEqual(
      fullEvents.map((r) => [r.id, r.blockNumber, r.logIndex, r.amount0, r.amount1]),
    );
    expect(production.positionEvents.map((r) => r.eventType)).toEqual(['INCREASE', 'DECREASE', 'COLLECT']);
    expect(fullEvents.map((r) => r.eventType)).toEqual(['MINT', 'DECREASE', 'COLLECT']);
    expect(fullEvents[1].liquidityDelta).toBe('-400');
  });
});

describe('productionShapeRows with quirks', () => {
  const all = { rates: uniformQuirkRates(1), indexedAt: 1_800_000_000 };

  it('at rate 1 gives every candidate row every quirk, and one logIndex-0 duplicate per transaction', () => {
    const out = productionShapeRows(logs, { ...context, quirks: all });
    const checksummed = '0x4a7d4D76bF8f0e8aD2c8e5A6f7C3b2A190000001'; // EIP-55 of POOL
    expect(out.positionEvents.map((r) => [r.id, r.logIndex, r.pool, r.liquidityDelta, r.usdValue])).toEqual([
      [`${TX_MINT}:5`, 5, checksummed, '1000', 0],
      [`${TX_DEC}:2`, 2, checksummed, '400', 0],
      [`${TX_COLLECT}:4`, 4, checksummed, '0', 0],
      [`${TX_MINT}:0`, 0, checksummed, '1000', 0],
      [`${TX_DEC}:0`, 0, checksummed, '400', 0],
      [`${TX_COLLECT}:0`, 0, checksummed, '0', 0],
    ]);
    expect(out.poolEvents.map((r) => [r.eventName, r.timestamp, r.amount0])).toEqual([
      ['PoolCreated', 1_800_000_000, null],
      ['Unknown', 1_800_000_000, null],
      ['Unknown', 1_800_000_000, null],
      ['Unknown', 1_800_000_000, null],
      ['Unknown', 1_800_000_000, null],
    ]);
    expect(out.pools[0]).toMatchObject({
      token0Symbol: null,
      token1Symbol: null,
      token0Name: null,
      token1Name: null,
      token0Decimals: null,
      token1Decimals: null,
    });
    // Transfers are never quirked.
    expect(out.positionTransfers).toEqual(productionShapeRows(logs, context).positionTransfers);
  });

  it('at rate 0 changes nothing', () => {
    expect(productionShapeRows(logs, { ...context, quirks: { rates: uniformQuirkRates(0), indexedAt: 1 } })).toEqual(productionShapeRows(logs, context));
  });

  it('picks the same rows whatever else is in the window', () => {
    const rates = uniformQuirkRates(0.5);
    const whole = productionShapeRows(logs, { ...context, quirks: { rates, indexedAt: 1 } });
    const alone = productionShapeRows(
      { poolCreated: [], manager: manager.slice(2, 3), pool: pool.slice(2, 3) },
      { ...context, quirks: { rates, indexedAt: 1 } },
    );
    expect(alone.positionEvents).toEqual(whole.positionEvents.filter((r) => r.txHash === TX_DEC));
  });

  it('keeps the pool "unknown" when the transaction has no matching pool log', () => {
    const out = productionShapeRows({ poolCreated: [], manager: manager.slice(2, 3), pool: [] }, { ...context, quirks: all });
    expect(out.positionEvents.map((r) => r.pool)).toEqual(['unknown', 'unknown']);
  });

  it('adds no duplicate over a transaction that already has a row at logIndex 0', () => {
    const atZero: PositionManagerLog = {
      ...at(MANAGER, TX_DEC, 105, 0),
      eventName: 'Collect',
      args: { tokenId: 7n, recipient: ALICE, amount0: 1n, amount1: 1n },
    };
    const out = productionShapeRows({ poolCreated: [], manager: [atZero, manager[2]], pool: [] }, { ...context, quirks: all });
    expect(out.positionEvents.map((r) => r.id)).toEqual([`${TX_DEC}:0`, `${TX_DEC}:2`]);
  });
});
