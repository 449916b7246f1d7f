import { DAY_SECONDS } from './day-ends';
import { foldLedger, type SnapshotHistoryEvent } from './position-ledger';
import { planForAsOf, planForEvents } from './snapshot-plan';

const D = DAY_SECONDS;
const ev = (id: string, blockNumber: number, timestamp: number, eventType: string, liquidityDelta: string | null = null): SnapshotHistoryEvent => ({
  id,
  blockNumber,
  logIndex: 0,
  timestamp,
  eventType,
  liquidityDelta,
  amount0: '1',
  amount1: '1',
});
const entries = foldLedger([
  ev('mint', 1, D + 10, 'MINT', '100'),
  ev('col', 2, 3 * D + 5, 'COLLECT'),
  ev('dec', 3, 3 * D + 6, 'DECREASE', '-100'),
  ev('burn', 4, 5 * D, 'BURN'),
]);
const kinds = (plans: ReturnType<typeof planForEvents>) => plans.map((p) => (p.kind === 'event' ? `event:${p.entry.event.id}` : `${p.kind}:${p.time / D}`));

describe('planForEvents', () => {
  it('an event brings its own snapshot and the day ends to both neighbours', () => {
    expect(kinds(planForEvents(entries, new Set(['col'])))).toEqual(['event:col', 'day-end:2', 'day-end:3']);
  });

  it('the same day is planned once when both neighbours are in the batch', () => {
    expect(kinds(planForEvents(entries, new Set(['mint', 'col'])))).toEqual(['event:mint', 'event:col', 'day-end:2', 'day-end:3']);
  });

  it('a burn at midnight ends the day before it (the position was open all day), and nothing follows it', () => {
    expect(kinds(planForEvents(entries, new Set(['burn'])))).toEqual(['event:burn', 'day-end:4', 'day-end:5']);
  });
});

describe('planForAsOf', () => {
  it('an open position gets the day ends after its last event and the as-of snapshot', () => {
    const open = entries.slice(0, 3);
    expect(kinds(planForAsOf(open, 6 * D + 7))).toEqual(['day-end:4', 'day-end:5', 'day-end:6', `as-of:${(6 * D + 7) / D}`]);
  });

  it('a burned position gets nothing; events after asOf are not seen', () => {
    expect(planForAsOf(entries, 9 * D)).toEqual([]);
    expect(kinds(planForAsOf(entries, 2 * D))).toEqual(['day-end:2', 'as-of:2']);
    expect(planForAsOf(entries, D)).toEqual([]);
  });
});
