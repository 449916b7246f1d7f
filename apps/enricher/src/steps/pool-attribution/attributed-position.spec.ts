import type { PositionEventRecord } from '@lib/kafka';
import { attributeEvent, managerFromMetadata } from './attributed-position';

const event: PositionEventRecord = {
  id: '0xaa:3',
  tokenId: '7',
  pool: 'unknown',
  blockNumber: 10,
  txHash: '0x' + 'ab'.repeat(32),
  logIndex: 3,
  timestamp: 1700000000,
  eventType: 'COLLECT',
  sender: null,
  owner: null,
  recipient: '0xr',
  tickLower: null,
  tickUpper: null,
  tick: null,
  liquidityDelta: null,
  amount0: '5',
  amount1: '6',
  sqrtPriceX96: null,
  price1Per0: null,
  usdValue: null,
  metadata: `{"positionManager":"0x${'AB'.repeat(20)}","dex":"enosys"}`,
};

describe('pool attribution, pure parts', () => {
  it('reads the emitting manager from the metadata, and nothing from bad metadata', () => {
    expect(managerFromMetadata(event.metadata)).toEqual({ positionManager: `0x${'ab'.repeat(20)}`, dex: 'enosys' });
    expect(managerFromMetadata('{"positionManager":"0xABC","dex":"enosys"}')).toEqual({ positionManager: undefined, dex: 'enosys' });
    expect(managerFromMetadata('not json')).toEqual({});
    expect(managerFromMetadata(null)).toEqual({});
  });

  it('fills the pool and the position fields, keeping the event as it was', () => {
    const out = attributeEvent(event, {
      positionManager: '0xabc',
      tokenId: '7',
      dex: 'enosys',
      pool: '0xpool',
      token0: '0xt0',
      token1: '0xt1',
      fee: 3000,
      tickLower: -60,
      tickUpper: 60,
      source: 'positions',
    });
    expect(out.pool).toBe('0xpool');
    expect(out).toMatchObject({ amount0: '5', amount1: '6', positionManager: '0xabc', fee: 3000, positionTickLower: -60, positionTickUpper: 60 });
  });
});
