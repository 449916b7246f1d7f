import type { AttributedPositionEventRecord, PoolEventRecord } from '@lib/kafka';
import { INPUT_RULES, inputScreen, screenRecords } from './input-screen';

const tx = '0x' + 'cd'.repeat(32);
const swap: PoolEventRecord = {
  id: `${tx}:1`,
  pool: '0x' + '11'.repeat(20),
  blockNumber: 100,
  txHash: tx,
  logIndex: 1,
  timestamp: 1_700_000_000,
  eventName: 'Swap',
  sender: null,
  owner: null,
  recipient: null,
  tickLower: null,
  tickUpper: null,
  amount: null,
  amount0: '5',
  amount1: '-4',
  sqrtPriceX96: (1n << 96n).toString(),
  liquidity: '10',
  tick: 0,
};
const record = (offset: string, value: PoolEventRecord) => ({ topic: 't', partition: 0, offset, key: null, value });

describe('input screen', () => {
  it('rejects impossible values and blocks after the newest source row, and nothing else', () => {
    const rejections = screenRecords(
      [
        record('1', swap),
        record('2', { ...swap, id: `${tx}:2`, liquidity: '-3' }),
        record('3', { ...swap, id: `${tx}:3`, blockNumber: 101 }),
        record('4', { ...swap, blockNumber: 99 }),
      ],
      INPUT_RULES.poolEvents!,
      100,
    );
    expect(rejections).toEqual([
      { offset: '2', reason: `PoolEvent ${tx}:2: liquidity -3 is negative` },
      { offset: '3', reason: `PoolEvent ${tx}:3: blockNumber 101 is after the newest source row's block 100` },
    ]);
  });

  it('counts the transfers to the zero address in the newest block of the position topics: a BURN made of one is not after its source', async () => {
    const burn = (id: number, blockNumber: number): AttributedPositionEventRecord => ({
      id: `${tx}:${id}`,
      tokenId: '7',
      pool: '0x' + '11'.repeat(20),
      blockNumber,
      txHash: tx,
      logIndex: id,
      timestamp: 1_700_000_000,
      eventType: 'BURN',
      sender: null,
      owner: '0x' + '55'.repeat(20),
      recipient: null,
      tickLower: null,
      tickUpper: null,
      tick: null,
      liquidityDelta: null,
      amount0: null,
      amount1: null,
      sqrtPriceX96: null,
      price1Per0: null,
      usdValue: null,
      metadata: null,
      positionManager: '0x' + '22'.repeat(20),
      dex: 'enosys',
      token0: '0x' + '33'.repeat(20),
      token1: '0x' + '44'.repeat(20),
      fee: 3000,
      positionTickLower: -60,
      positionTickUpper: 60,
    });
    // A database whose newest "PositionEvent" row is at block 100, newest burn transfer at 130, newest plain transfer at 150.
    const db = {
      query: async (sql: string) => {
        const events = /FROM "PositionEvent"/.test(sql) ? 100 : null;
        const burns = /FROM "PositionTransfer" WHERE "to" = '0x0{40}'/.test(sql) ? 130 : /FROM "PositionTransfer"/.test(sql) ? 150 : null;
        return { rows: [{ b: Math.max(events ?? -1, burns ?? -1) }] };
      },
    };
    for (const topic of ['positionEvents', 'attributedPositionEvents'] as const) {
      const screen = inputScreen(topic, db as never);
      expect(await screen([record('1', burn(1, 100) as never), record('2', burn(2, 130) as never), record('3', burn(3, 131) as never)])).toEqual([
        { offset: '3', reason: `PositionEvent ${tx}:3: blockNumber 131 is after the newest source row's block 130` },
      ]);
    }
  });

  it('reads the newest block again only when a record claims a later one', async () => {
    let reads = 0;
    const db = { query: async () => ({ rows: [{ b: String(100 + 10 * reads++) }] }) };
    const screen = inputScreen('poolEvents', db as never);
    expect(await screen([record('1', swap)])).toEqual([]);
    expect(await screen([record('2', { ...swap, blockNumber: 99 })])).toEqual([]);
    expect(reads).toBe(1);
    expect(await screen([record('3', { ...swap, blockNumber: 105 })])).toEqual([]); // read again: 110
    expect(reads).toBe(2);
    expect(await screen([record('4', { ...swap, id: `${tx}:9`, blockNumber: 121 })])).toEqual([
      { offset: '4', reason: `PoolEvent ${tx}:9: blockNumber 121 is after the newest source row's block 120` },
    ]);
    expect(reads).toBe(3);
  });

  it('has rules for every data topic a step reads', () => {
    expect(Object.keys(INPUT_RULES).sort()).toEqual(['attributedPositionEvents', 'poolEvents', 'positionEvents']);
  });
});
