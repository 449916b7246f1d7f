import { createTestDatabase, type TestDatabase } from '@lib/db';
import type { ChainPoint } from '@lib/pricing';
import { insertPoolEvents } from '../../pricing/src/test-fixtures';
import { PoolTickTimelines } from './pool-tick-timelines';

const POOL = '0x00000000000000000000000000000000000000b1';
const OTHER = '0x00000000000000000000000000000000000000b2';
const STAMPED = '0x00000000000000000000000000000000000000b3';
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
    { pool: STAMPED, blockNumber: 30, logIndex: 0, eventName: 'Initialize', sqrtPriceX96: 1n << 96n, tick: 300 },
    { pool: STAMPED, blockNumber: 31, logIndex: 3, eventName: 'Swap', sqrtPriceX96: 1n << 96n, tick: 310 },
    { pool: STAMPED, blockNumber: 33, logIndex: 1, eventName: 'Swap', sqrtPriceX96: 1n << 96n, tick: 330 },
  ]);
  // Production's stamps: the rows' timestamp column is not the event's time (a scan window's middle).
  await db.pool.query(`UPDATE "PoolEvent" SET timestamp = 1600000000 WHERE pool = $1`, [STAMPED]);
  // The times of the blocks, deliberately not the fixture's default (1_700_000_000 + block).
  await db.pool.query(`UPDATE block_time SET timestamp = $2 WHERE block_number = $1`, [30, 1_800_000_000]);
  await db.pool.query(`UPDATE block_time SET timestamp = $2 WHERE block_number = $1`, [31, 1_800_000_100]);
  await db.pool.query(`DELETE FROM block_time WHERE block_number = 33`); // not filled yet
});
afterAll(() => db.drop());

/** [time, tick] of each change (the view reuses one object while iterating). */
const timed = (view: Iterable<{ timestamp: number; tick: number }>) => {
  const out: [number, number][] = [];
  for (const c of view) out.push([c.timestamp, c.tick]);
  return out;
};

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

  it('takes each change at its block time from block_time, and stops before a block without one until it is filled', async () => {
    const timelines = new PoolTickTimelines(db.pool);
    const first = (await timelines.upTo(new Map([[STAMPED, at(40, 0)]]))).get(STAMPED)!;
    // Stopped just before block 33's change: nothing after it can be answered, and the block is named.
    expect(first.loadedUntil).toEqual(at(33, 1));
    expect(timelines.blockWithoutTime(STAMPED)).toBe(33);
    expect(timed(first.between(at(0, 0), at(33, 1)))).toEqual([
      [1_800_000_000, 300],
      [1_800_000_100, 310],
    ]);
    expect(() => first.between(at(0, 0), at(40, 0))).toThrow(RangeError);

    // The fill writes block 33's time: the next load reads on from the stop.
    await db.pool.query(`INSERT INTO block_time (block_number, timestamp, source) VALUES (33, 1800000300, 'header')`);
    const later = (await timelines.upTo(new Map([[STAMPED, at(40, 0)]]))).get(STAMPED)!;
    expect(timelines.blockWithoutTime(STAMPED)).toBeUndefined();
    expect(later.loadedUntil).toEqual(at(40, 0));
    expect(timed(later.between(at(0, 0), at(40, 0)))).toEqual([
      [1_800_000_000, 300],
      [1_800_000_100, 310],
      [1_800_000_300, 330],
    ]);
  });
});
