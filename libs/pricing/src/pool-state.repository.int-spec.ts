import { createTestDatabase, type TestDatabase } from '@lib/db';
import { endOfBlock, type ChainPoint } from './chain-point';
import { POOL_STATES_AS_OF_SQL, PoolStateRepository } from './pool-state.repository';
import { insertPoolEvents } from './test-fixtures';

const POOL = '0x00000000000000000000000000000000000000a1';
const OTHER_POOL = '0x00000000000000000000000000000000000000a2';
const Q96 = 2n ** 96n;
// Four distinct prices, each logged once, so every answer names the event it came from.
const S_INIT = Q96;
const S1 = 2n * Q96;
const S2 = 3n * Q96;
const S3 = 5n * Q96;

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertPoolEvents(db.pool, [
    { pool: POOL, blockNumber: 10, logIndex: 0, eventName: 'Initialize', sqrtPriceX96: S_INIT, tick: 0 },
    { pool: POOL, blockNumber: 10, logIndex: 1, eventName: 'Mint' },
    { pool: POOL, blockNumber: 10, logIndex: 3, eventName: 'Swap', sqrtPriceX96: S1, tick: 13_863, liquidity: 1000n },
    { pool: POOL, blockNumber: 12, logIndex: 0, eventName: 'Swap', sqrtPriceX96: S2, tick: 21_972, liquidity: 2000n },
    { pool: POOL, blockNumber: 12, logIndex: 5, eventName: 'Collect' },
    { pool: POOL, blockNumber: 12, logIndex: 7, eventName: 'Swap', sqrtPriceX96: S3, tick: 32_189, liquidity: 3000n },
    // Odd rows that carry no usable price: passed over.
    { pool: POOL, blockNumber: 13, logIndex: 0, eventName: 'Swap', sqrtPriceX96: null, tick: 1, liquidity: 1n },
    { pool: POOL, blockNumber: 13, logIndex: 1, eventName: 'Swap', sqrtPriceX96: 'garbage', tick: 1, liquidity: 1n },
    { pool: POOL, blockNumber: 13, logIndex: 2, eventName: 'Swap', sqrtPriceX96: S1, tick: null, liquidity: 1n },
    // Another pool in the same blocks must not leak into POOL's answers.
    { pool: OTHER_POOL, blockNumber: 11, logIndex: 0, eventName: 'Swap', sqrtPriceX96: 7n * Q96, tick: 38_918, liquidity: 9n },
  ]);
});

afterAll(() => db.drop());

/** A repository whose queries are counted. */
function countingRepository(maxCachedStates?: number, timelineRowsPerRead?: number) {
  let queries = 0;
  const counting = Object.create(db.pool) as typeof db.pool;
  counting.query = ((...args: Parameters<typeof db.pool.query>) => {
    queries++;
    return (db.pool.query as (...a: unknown[]) => unknown)(...args);
  }) as typeof db.pool.query;
  return { repository: new PoolStateRepository(counting, { maxCachedStates, timelineRowsPerRead }), queries: () => queries };
}

const at = (blockNumber: number, logIndex: number): ChainPoint => ({ blockNumber, logIndex });

describe('PoolStateRepository', () => {
  // [point, expected sqrtPriceX96 (null: no state), expected source event]
  const cases: [ChainPoint, bigint | null, string | null][] = [
    [at(9, 99), null, null],
    [at(10, 0), null, null], // the Initialize itself is not before its own point
    [at(10, 1), S_INIT, 'Initialize'],
    [at(10, 3), S_INIT, 'Initialize'], // the Mint carries no price; the swap at 10:3 is not before 10:3
    [at(10, 4), S1, 'Swap'],
    [at(11, 0), S1, 'Swap'],
    [at(12, 0), S1, 'Swap'], // a later block's log 0 sees the previous block
    [at(12, 1), S2, 'Swap'],
    [at(12, 7), S2, 'Swap'],
    [at(12, 8), S3, 'Swap'],
    [endOfBlock(12), S3, 'Swap'],
    [at(13, 99), S3, 'Swap'], // rows without a usable price are passed over
  ];

  it.each(cases)('as of %j: the last Swap/Initialize strictly before it', async (point, sqrtPriceX96, eventName) => {
    const { repository } = countingRepository();
    const state = await repository.stateAsOf(POOL, point);
    expect(state?.sqrtPriceX96 ?? null).toBe(sqrtPriceX96);
    expect(state?.source.eventName ?? null).toBe(eventName);
    if (state) expect(state.pool).toBe(POOL);
  });

  it('reads tick and in-range liquidity from the swap, none from Initialize', async () => {
    const { repository } = countingRepository();
    const [init, swap] = await repository.statesAsOf([
      { pool: POOL, at: at(10, 2) },
      { pool: POOL, at: at(12, 1) },
    ]);
    expect(init).toMatchObject({ tick: 0, liquidity: null, source: { blockNumber: 10, logIndex: 0, eventName: 'Initialize' } });
    expect(swap).toMatchObject({ tick: 21_972, liquidity: 2000n, source: { blockNumber: 12, logIndex: 0, eventName: 'Swap' } });
  });

  it('answers a batch in two queries at most, the same as one lookup at a time, and keeps the answers', async () => {
    const requests = [
      ...cases.map(([point]) => ({ pool: POOL, at: point })),
      { pool: OTHER_POOL, at: at(12, 0) },
      { pool: OTHER_POOL.toUpperCase().replace('0X', '0x'), at: at(11, 0) },
      { pool: '0x00000000000000000000000000000000000000ff', at: at(100, 0) },
      { pool: POOL, at: at(12, 1) }, // a duplicate
    ];
    const batched = countingRepository();
    const batch = await batched.repository.statesAsOf(requests);
    // The timelines' read from each pool's median point, and one lookup of every point before it.
    expect(batched.queries()).toBe(2);

    const singles = [];
    for (const r of requests) singles.push(await countingRepository().repository.stateAsOf(r.pool, r.at));
    expect(batch).toEqual(singles);
    expect(batch.slice(-4).map((s) => s?.sqrtPriceX96 ?? null)).toEqual([7n * Q96, null, null, S2]);

    // Asked again: from the cache, no query.
    expect(await batched.repository.statesAsOf(requests)).toEqual(batch);
    expect(batched.queries()).toBe(2);
  });

  it('reads a long timeline in rounds and answers the same, with or without the timeline', async () => {
    const points = cases.map(([point]) => ({ pool: POOL, at: point }));
    const byRounds = countingRepository(undefined, 1); // one row a pool per statement
    const states = await byRounds.repository.statesAsOf([{ pool: POOL, at: at(10, 0) }, ...points]);
    expect(byRounds.queries()).toBeGreaterThan(3);
    const probesOnly = new PoolStateRepository(db.pool, { maxTimelineStates: 0 });
    expect(states).toEqual(await probesOnly.statesAsOf([{ pool: POOL, at: at(10, 0) }, ...points]));
    expect(states.slice(1).map((s) => s?.sqrtPriceX96 ?? null)).toEqual(cases.map(([, s]) => s));
  });

  it('still answers a batch larger than its cache', async () => {
    const { repository } = countingRepository(2);
    const states = await repository.statesAsOf(cases.map(([point]) => ({ pool: POOL, at: point })));
    expect(states.map((s) => s?.sqrtPriceX96 ?? null)).toEqual(cases.map(([, s]) => s));
  });

  it('uses the price rows\' (pool, "blockNumber", "logIndex") index on a table of realistic size, without sorting', async () => {
    // 40 000 events of 200 other pools; statistics refreshed, so the planner sees the real size.
    await db.pool.query(`
      INSERT INTO "PoolEvent" (id, pool, "blockNumber", "txHash", "logIndex", timestamp, "eventName", "sqrtPriceX96", tick, liquidity)
      SELECT 'bulk:' || g, '0xbulk' || (g % 200), g / 10, 'bulk' || g, g % 10, g, 'Swap', '79228162514264337593543950336', 0, '1'
        FROM generate_series(1, 40000) AS g`);
    await db.pool.query('ANALYZE "PoolEvent"');
    const explained = await db.pool.query(`EXPLAIN (FORMAT JSON) ${POOL_STATES_AS_OF_SQL}`, [
      ['0xbulk1', '0xbulk2', POOL],
      [3000, 2000, 12],
      [0, 5, 1],
    ]);
    const plan = JSON.stringify(explained.rows[0]['QUERY PLAN']);
    expect(plan).toContain('"Index Name":"lpe_pool_event_price_order"');
    expect(plan).not.toContain('"Node Type":"Seq Scan"');
    // The index order is the answer's order: no sort of a pool's history per lookup.
    expect(plan).not.toContain('"Node Type":"Sort"');
  });
});
