import type { AttributedPositionEventRecord } from '@lib/kafka';
import type { PoolState } from '@lib/pricing';
import { RangeStatusStep, type RangeStatusFact } from './range-status.step';

const POOL = '0x' + 'aa'.repeat(20);
const event = (over: Partial<AttributedPositionEventRecord> = {}): AttributedPositionEventRecord =>
  ({
    id: '0xt:5',
    tokenId: '7',
    pool: POOL,
    positionManager: '0x' + 'bb'.repeat(20),
    blockNumber: 50,
    logIndex: 5,
    timestamp: 1500,
    eventType: 'COLLECT',
    positionTickLower: -60,
    positionTickUpper: 60,
    ...over,
  }) as AttributedPositionEventRecord;
const state = (tick: number): PoolState => ({
  pool: POOL,
  sqrtPriceX96: 1n,
  tick,
  liquidity: null,
  source: { id: 's', eventName: 'Swap', blockNumber: 49, logIndex: 0 },
});
const opening = { blockNumber: 10, logIndex: 1, timestamp: 1000 };
// Opened in range (tick 0) at t=1000; out of range (tick 100) from 1100; back in (tick 10) from 1300.
const changes = [
  { timestamp: 1100, tick: 100 },
  { timestamp: 1300, tick: 10 },
];
const fact = (over: Partial<RangeStatusFact>): RangeStatusFact => ({ offset: '1', event: event(), state: state(10), opening, tickAtOpen: 0, changes, ...over });

// The step's collaborators are not used by screen and compute.
const step = new RangeStatusStep(undefined as never, undefined as never, undefined as never);

describe('RangeStatusStep.compute (hand-worked)', () => {
  it('is IN_RANGE at tick 10 of [-60, 60) and counts 100 s + 200 s in range of 500 s open', () => {
    const { rows, rejections } = step.compute([fact({})]);
    expect(rejections).toEqual([]);
    expect(rows).toEqual([
      expect.objectContaining({ id: '0xt:5', tick: 10, tick_lower: -60, tick_upper: 60, status: 'IN_RANGE', seconds_in_range: 300, seconds_open: 500 }),
    ]);
  });

  it('is OUT_OF_RANGE at the upper tick itself (the upper bound is exclusive) and at the lower bound minus one', () => {
    const { rows } = step.compute([fact({ state: state(60) }), fact({ offset: '2', event: event({ id: '0xt:6' }), state: state(-61) })]);
    expect(rows.map((r) => r.status)).toEqual(['OUT_OF_RANGE', 'OUT_OF_RANGE']);
  });

  it('rejects an event whose pool has no price before it, and keeps the others', () => {
    const { rows, rejections } = step.compute([fact({ state: null }), fact({ offset: '2', event: event({ id: '0xt:6' }) })]);
    expect(rejections).toEqual([{ offset: '1', reason: `pool ${POOL} has no Swap or Initialize before 50:5` }]);
    expect(rows.map((r) => r.id)).toEqual(['0xt:6']);
  });

  it('rejects an event whose tick changes cannot be placed in time (a block without block_time)', () => {
    const { rows, rejections } = step.compute([fact({ changes: { noTime: 'no block time for block 40 (run the block-time fill)' } })]);
    expect(rows).toEqual([]);
    expect(rejections).toEqual([{ offset: '1', reason: `pool ${POOL}'s tick changes before 50:5: no block time for block 40 (run the block-time fill)` }]);
  });

  it('screens out a position without a valid range', () => {
    expect(step.screen(event({ positionTickLower: 60, positionTickUpper: 60 }))).toBe('event 0xt:5 has no valid position range (60, 60)');
    expect(step.screen(event())).toBeUndefined();
  });
});
