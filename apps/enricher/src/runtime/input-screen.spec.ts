import type { PoolEventRecord } from '@lib/kafka';
import { INPUT_RULES, screenRecords } from './input-screen';

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

  it('has rules for every data topic a step reads', () => {
    expect(Object.keys(INPUT_RULES).sort()).toEqual(['attributedPositionEvents', 'poolEvents', 'positionEvents']);
  });
});
