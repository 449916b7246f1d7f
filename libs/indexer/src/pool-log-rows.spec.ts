import type { Address, Hex } from 'viem';
import { isSkippedLog } from './log-position';
import { poolLogRow, type PoolLog } from './pool-log-rows';

const POOL = '0xPOOL00000000000000000000000000000000000A'.replace('POOL', 'AbCd') as Address;
const SENDER = '0xC0FFEE000000000000000000000000000000000A' as Address;
const RECIPIENT = '0x000000000000000000000000000000000000BEEF' as Address;
const TX = ('0x' + '33'.repeat(32)) as Hex;
const timestamps = new Map([[200, 1_700_000_100]]);
const at = (logIndex: number) => ({ address: POOL, blockNumber: 200n, transactionHash: TX, logIndex });

const common = (logIndex: number) => ({ id: `${TX}:${logIndex}`, pool: POOL.toLowerCase(), blockNumber: 200, txHash: TX, logIndex, timestamp: 1_700_000_100 });
const nulls = {
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

describe('poolLogRow', () => {
  it('maps Initialize', () => {
    const log: PoolLog = { ...at(0), eventName: 'Initialize', args: { sqrtPriceX96: 79228162514264337593543950336n, tick: -5 } };
    expect(poolLogRow(log, timestamps)).toEqual({ ...common(0), eventName: 'Initialize', ...nulls, sqrtPriceX96: '79228162514264337593543950336', tick: -5 });
  });

  it('maps Swap with signed amounts (negative = out of the pool)', () => {
    const log: PoolLog = {
      ...at(4),
      eventName: 'Swap',
      args: {
        sender: SENDER,
        recipient: RECIPIENT,
        amount0: -1234567890123456789012n,
        amount1: 5000n,
        sqrtPriceX96: 2n ** 96n,
        liquidity: 10n ** 20n,
        tick: -887272,
      },
    };
    expect(poolLogRow(log, timestamps)).toEqual({
      ...common(4),
      eventName: 'Swap',
      ...nulls,
      sender: SENDER.toLowerCase(),
      recipient: RECIPIENT.toLowerCase(),
      amount0: '-1234567890123456789012',
      amount1: '5000',
      sqrtPriceX96: (2n ** 96n).toString(),
      liquidity: (10n ** 20n).toString(),
      tick: -887272,
    });
  });

  it('maps Mint', () => {
    const log: PoolLog = {
      ...at(1),
      eventName: 'Mint',
      args: { sender: SENDER, owner: RECIPIENT, tickLower: -60, tickUpper: 120, amount: 77n, amount0: 1n, amount1: 2n },
    };
    expect(poolLogRow(log, timestamps)).toEqual({
      ...common(1),
      eventName: 'Mint',
      ...nulls,
      sender: SENDER.toLowerCase(),
      owner: RECIPIENT.toLowerCase(),
      tickLower: -60,
      tickUpper: 120,
      amount: '77',
      amount0: '1',
      amount1: '2',
    });
  });

  it('maps Burn', () => {
    const log: PoolLog = { ...at(2), eventName: 'Burn', args: { owner: RECIPIENT, tickLower: -60, tickUpper: 120, amount: 77n, amount0: 1n, amount1: 2n } };
    expect(poolLogRow(log, timestamps)).toEqual({
      ...common(2),
      eventName: 'Burn',
      ...nulls,
      owner: RECIPIENT.toLowerCase(),
      tickLower: -60,
      tickUpper: 120,
      amount: '77',
      amount0: '1',
      amount1: '2',
    });
  });

  it('maps Collect', () => {
    const log: PoolLog = {
      ...at(3),
      eventName: 'Collect',
      args: { owner: RECIPIENT, recipient: SENDER, tickLower: -60, tickUpper: 120, amount0: 5n, amount1: 6n },
    };
    expect(poolLogRow(log, timestamps)).toEqual({
      ...common(3),
      eventName: 'Collect',
      ...nulls,
      owner: RECIPIENT.toLowerCase(),
      recipient: SENDER.toLowerCase(),
      tickLower: -60,
      tickUpper: 120,
      amount0: '5',
      amount1: '6',
    });
  });

  it('maps Flash (paid amounts have no column)', () => {
    const log: PoolLog = { ...at(5), eventName: 'Flash', args: { sender: SENDER, recipient: RECIPIENT, amount0: 5n, amount1: 6n, paid0: 1n, paid1: 1n } };
    expect(poolLogRow(log, timestamps)).toEqual({
      ...common(5),
      eventName: 'Flash',
      ...nulls,
      sender: SENDER.toLowerCase(),
      recipient: RECIPIENT.toLowerCase(),
      amount0: '5',
      amount1: '6',
    });
  });

  it('skips a log of a block without a timestamp, and an unknown event, with reasons', () => {
    const noTime = poolLogRow({ ...at(0), blockNumber: 999n, eventName: 'Initialize', args: { sqrtPriceX96: 1n, tick: 0 } }, timestamps);
    expect(isSkippedLog(noTime) && noTime.reason).toBe('no timestamp for block 999');
    const unknown = poolLogRow({ ...at(0), eventName: 'SetFeeProtocol', args: {} } as unknown as PoolLog, timestamps);
    expect(isSkippedLog(unknown) && unknown.reason).toBe('not a pool event: SetFeeProtocol');
  });
});
