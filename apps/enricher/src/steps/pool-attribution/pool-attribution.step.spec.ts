import type { PositionEventRecord } from '@lib/kafka';
import type { AttributedPosition } from './attributed-position';
import { PoolAttributionStep, type LocatedRecord } from './pool-attribution.step';

// compute is pure: no registry or chain resolver is touched.
const step = new PoolAttributionStep(null as never, null as never);

const M = '0xmgr';
const event = (id: string, tokenId: string): PositionEventRecord => ({
  id,
  tokenId,
  pool: 'unknown',
  blockNumber: 10,
  txHash: '0xt',
  logIndex: 1,
  timestamp: 1_700_000_000,
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
  metadata: null,
});
const located = (offset: string, id: string, tokenId: string): LocatedRecord => ({ offset, event: event(id, tokenId), manager: M, dex: 'from-metadata' });
const position = (tokenId: string, pool: string, source: AttributedPosition['source']): AttributedPosition => ({
  positionManager: M,
  tokenId,
  dex: 'enosys',
  pool,
  token0: '0xt0',
  token1: '0xt1',
  fee: 500,
  tickLower: -10,
  tickUpper: 20,
  source,
});

describe('PoolAttributionStep.compute', () => {
  it('attributes from the registry or the chain, registers a new position once, and says why the others cannot be attributed', () => {
    const known = position('5', '0xpoola', 'positions');
    const fresh = position('6', '0xpoolb', 'mint-log');
    const out = step.compute({
      records: [
        located('1', 'e1', '5'),
        { offset: '2', event: event('e2', '7'), unattributable: 'transaction 0xt has no log 4' },
        located('3', 'e3', '6'),
        located('4', 'e4', '6'),
        located('5', 'e5', '8'),
        located('6', 'e6', '9'),
      ],
      known: new Map([['0xmgr:5', known]]),
      fresh: new Map([['0xmgr:6', fresh]]),
      failed: new Map([['0xmgr:8', 'factory 0xf has no pool for 0xt0/0xt1/500']]),
    });
    // The records without a manager first, then those whose position is unknown, each in batch order.
    expect(out.rejections).toEqual([
      { offset: '2', reason: 'PositionEvent e2: cannot attribute: transaction 0xt has no log 4' },
      { offset: '5', reason: 'PositionEvent e5: cannot attribute: factory 0xf has no pool for 0xt0/0xt1/500' },
      { offset: '6', reason: 'PositionEvent e6: cannot attribute: unresolved position' },
    ]);
    // The event takes the position's pool, DEX (the registry's, not the record's), tokens, fee and range.
    const attributed = (e: PositionEventRecord, pool: string) => ({
      ...e,
      pool,
      positionManager: M,
      dex: 'enosys',
      token0: '0xt0',
      token1: '0xt1',
      fee: 500,
      positionTickLower: -10,
      positionTickUpper: 20,
    });
    expect(out.rows).toEqual([
      { event: attributed(event('e1', '5'), '0xpoola') },
      { event: attributed(event('e3', '6'), '0xpoolb'), newPosition: fresh },
      { event: attributed(event('e4', '6'), '0xpoolb') },
    ]);
    expect(out.output).toEqual([
      { key: '0xmgr:5', value: attributed(event('e1', '5'), '0xpoola') },
      { key: '0xmgr:6', value: attributed(event('e3', '6'), '0xpoolb') },
      { key: '0xmgr:6', value: attributed(event('e4', '6'), '0xpoolb') },
    ]);
  });
});
