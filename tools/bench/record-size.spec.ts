import { endOfReplayHeaders } from '@lib/kafka';
import { RecordSizeTally } from './record-size';

describe('RecordSizeTally', () => {
  it('averages key and value bytes over data records and counts distinct keys', () => {
    const t = new RecordSizeTally();
    t.add({ key: Buffer.from('pool-a'), value: Buffer.alloc(100) });
    t.add({ key: Buffer.from('pool-a'), value: Buffer.alloc(200) });
    t.add({ key: Buffer.from('pool-bb'), value: Buffer.alloc(30) });
    expect(t.records).toBe(3);
    expect(t.valueBytes).toBe(330);
    expect(t.meanValueBytes).toBe(110);
    expect(t.meanKeyBytes).toBeCloseTo(19 / 3);
    expect(t.distinctKeys).toBe(2);
  });

  it('leaves end-of-replay markers out (they are not replayed rows)', () => {
    const t = new RecordSizeTally();
    t.add({ key: Buffer.from('k'), value: Buffer.alloc(50) });
    t.add({ key: null, value: null, headers: endOfReplayHeaders({ runId: 'r', asOf: 1 }) });
    expect(t.toJSON()).toEqual({ records: 1, keyBytes: 1, valueBytes: 50, distinctKeys: 1, meanKeyBytes: 1, meanValueBytes: 50 });
  });

  it('has no mean before any record (NaN, not 0)', () => {
    const t = new RecordSizeTally();
    t.add({ key: null, value: Buffer.alloc(10) });
    expect(t.distinctKeys).toBe(0);
    expect(new RecordSizeTally().meanValueBytes).toBeNaN();
  });
});
