import type { Address, Hex } from 'viem';
import { isSkippedLog } from './log-position';
import { poolCreatedLogRow, type PoolCreatedLog } from './pool-created-log-rows';

const FACTORY = '0xFaC70A0000000000000000000000000000000001' as Address;
const T0 = '0xAAAA00000000000000000000000000000000000A' as Address;
const T1 = '0xBBBB00000000000000000000000000000000000B' as Address;
const POOL = '0xCcCc00000000000000000000000000000000000C' as Address;
const TX = ('0x' + '44'.repeat(32)) as Hex;

const log: PoolCreatedLog = {
  address: FACTORY,
  blockNumber: 12n,
  transactionHash: TX,
  logIndex: 0,
  eventName: 'PoolCreated',
  args: { token0: T0, token1: T1, fee: 3000, tickSpacing: 60, pool: POOL },
};

describe('poolCreatedLogRow', () => {
  it('maps PoolCreated and the tokens\' metadata to a "Pool" row, addresses lowercase, missing decimals NULL', () => {
    const tokens = new Map([
      [T0.toLowerCase(), { symbol: 'USDT0', name: 'USD T0', decimals: 6 }],
      [T1.toLowerCase(), { symbol: null, name: null, decimals: null }],
    ]);
    expect(poolCreatedLogRow(log, tokens)).toEqual({
      address: POOL.toLowerCase(),
      token0: T0.toLowerCase(),
      token1: T1.toLowerCase(),
      fee: 3000,
      token0Symbol: 'USDT0',
      token1Symbol: null,
      token0Name: 'USD T0',
      token1Name: null,
      token0Decimals: 6,
      token1Decimals: null,
      factory: FACTORY.toLowerCase(),
      blockNumber: 12,
      txHash: TX,
    });
  });

  it("skips with a reason when a token's metadata was not read", () => {
    const row = poolCreatedLogRow(log, new Map());
    expect(isSkippedLog(row) && row.reason).toBe(`no metadata read for token ${T0.toLowerCase()}`);
  });
});
