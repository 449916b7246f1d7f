import type { DexIndexResult } from './index-dex';
import { eventsPerSecond, formatIndexerSummary } from './indexer-summary';

describe('formatIndexerSummary', () => {
  it('lists rows per table, blocks, skipped reasons and events per second', () => {
    const result: DexIndexResult = {
      dex: 'enosys',
      fromBlock: 10,
      toBlock: 19,
      lastBlock: 19,
      windows: 2,
      blocks: 10,
      logs: 40,
      requests: 6,
      rows: { Pool: 1, PositionEvent: 20, PositionTransfer: 5, PoolEvent: 14 },
      changed: { Pool: 1, PositionEvent: 20, PositionTransfer: 5, PoolEvent: 0 },
      skipped: 2,
      skippedByReason: { 'cannot decode: x': 2 },
      stopped: false,
      elapsedMs: 2000,
    };
    const text = formatIndexerSummary([result], 2000);
    expect(text).toContain('enosys: blocks 10..19 (10 blocks, 2 windows, 6 getLogs); checkpoint 19');
    expect(text).toMatch(/PositionEvent\s+20 rows \(20 inserted or changed\)/);
    expect(text).toContain('2 × cannot decode: x');
    expect(text).toContain('total: 40 logs in 2.0 s, 20 events/s');
  });

  it('reports 0 events/s for no time', () => {
    expect(eventsPerSecond(5, 0)).toBe(0);
  });
});
