import { createTestDatabase, type TestDatabase } from '@lib/db';
import type { ChainPoint } from '@lib/pricing';
import { insertPoolEvents } from '../../pricing/src/test-fixtures';
import { PoolTickTimelines } from './pool-tick-timelines';

const POOL = '0x00000000000000000000000000000000000000b1';
const OTHER = '0x00000000000000000000000000000000000000b2';
const at = (blockNumber: number, logIndex: number): ChainPoint => ({ blockNumber, logIndex });

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertPoolEvents(db.pool, [
    { pool: POOL, blockNumber: 10, logIndex: 0, eventName: 'Initialize', sqrtPriceX96: 1n << 96n, tick: 0 },
    { pool: POOL, blockNumber: 10, logIndex: 1, eventName: 'Mint' },
    { pool: POOL, blockNumber: 11, logIndex: 0, eventName: 'Swap', sqrtPriceX96: 2n << 96n, tick: 110 },
    { pool: POOL, blockNumber: 11, logIndex: 4, eventName: 'Swap', sqrtPriceX96: 'garbage', tick: 114 }, // a tick change without a price: still a change
    { pool: POOL, blockNumber: 12, logIndex: 0, eventName: 'Swap', sqrtPriceX96: 3n << 96n, tick: null }, // no tick: not a change
    { pool: POOL, blockNumber: 13, logIndex: 2, eventName: 'Swap', sqrtPriceX96: 3n << 96n, tick: 132 },
    { pool: OTHER, blockNumber: 11, logIndex: 1, eventName: 'Swap', sqrtPriceX96: 5n << 96n, tick: 999 },
  ]);
});
afterAll(() => db.drop());

const ticks = (view: Iterable<{ tick: number }>) => {
  const out: number[] = [];
  for (const c of view) out.push(c.tick);
  return out;
};

describe('PoolTickTimelines', () => {
  it.each([1, 2, 100])("reads each pool's tick changes once, forward, %i rows a pool per statement", async (rowsPerRead) => {
    let queries = 0;
    const counting = Object.create(db.pool) as typeof db.pool;
    counting.query = ((...args: unknown[]) => (queries++, (db.pool.query as (...a: unknown[]) => unknown)(...args))) as typeof db.pool.query;
    const timelines = new PoolTickTimelines(counting, rowsPerRead);
    const first = await timelines.upTo(
      new Map([
        [POOL, at(12, 0)],
        [OTHER, at(20, 0)],
      ]),
    );
    expect(ticks(first.get(POOL)!.between(at(0, 0), at(12, 0)))).toEqual([0, 110, 114]);
    expect(ticks(first.get(OTHER)!.between(at(0, 0), at(20, 0)))).toEqual([999]);
    const afterFirst = queries;
    const later = await timelines.upTo(new Map([[POOL, at(20, 0)]]));
    expect(ticks(later.get(POOL)!.between(at(10, 0), at(20, 0)))).toEqual([110, 114, 132]);
    expect(queries).toBe(afterFirst + (rowsPerRead === 1 ? 2 : 1)); // only what was not read yet (a full round asks once more)
    const afterSecond = queries;
    await timelines.upTo(new Map([[POOL, at(15, 0)]]));
    expect(queries).toBe(afterSecond); // already read
  });
});
