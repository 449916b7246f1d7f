import { poolEventProblem, positionEventProblem } from '@lib/kafka';
import { toPoolEventRecord, toPositionEventRecord } from './source-row.mapper';

const tx = '0x' + 'ef'.repeat(32);

describe('source rows as records: bad rows travel unchanged, for the steps to reject with a reason', () => {
  it('keeps null amounts and an unknown pool as they are', () => {
    const record = toPositionEventRecord({
      id: `${tx}:1`,
      tokenId: '5',
      pool: 'unknown',
      blockNumber: 3,
      txHash: tx,
      logIndex: 1,
      timestamp: 100,
      eventType: 'COLLECT',
      amount0: null,
      amount1: '2',
      liquidityDelta: null,
      metadata: { positionManager: '0xabc' },
    });
    expect(record).toMatchObject({ pool: 'unknown', amount0: null, amount1: '2', tickLower: null, metadata: '{"positionManager":"0xabc"}' });
    expect(positionEventProblem(record)).toBe(`PositionEvent ${tx}:1: amount0 missing, which every COLLECT has`);
  });

  it('encodes a null eventName as empty, which the record checks reject', () => {
    const record = toPoolEventRecord({ id: `${tx}:2`, pool: '0x' + '11'.repeat(20), blockNumber: 3, txHash: tx, logIndex: 2, timestamp: 100, eventName: null });
    expect(record.eventName).toBe('');
    expect(poolEventProblem(record)).toMatch(/eventName is missing/);
  });
});
