import { createTestDatabase, type TestDatabase } from '@lib/db';
import { insertPoolEvents } from '../../pricing/src/test-fixtures';
import { BLOCKS_AT_OR_BEFORE_SQL, blocksAtOrBefore, ChainTimeRepository, noBlockTimeReason } from './chain-time';

const POOL = '0x00000000000000000000000000000000000000c1';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  await insertPoolEvents(
    db.pool,
    [10, 11, 12, 13, 20].map((blockNumber) => ({ pool: POOL, blockNumber, logIndex: 0, eventName: 'Swap' as const, sqrtPriceX96: 1n << 96n, tick: 0 })),
  );
  // Block times by hand, unlike the rows' stamps; block 12 has none (not filled).
  await db.pool.query(`DELETE FROM block_time`);
  await db.pool.query(
    `INSERT INTO block_time (block_number, timestamp, source) VALUES (10, 1000, 'header'), (11, 1010, 'header'), (13, 1030, 'header'), (20, 1100, 'header')`,
  );
});
afterAll(() => db.drop());

describe('blocksAtOrBefore', () => {
  it('answers from block_time, and not where a block without a time could be the answer', async () => {
    const got = await blocksAtOrBefore(db.pool, [999, 1000, 1009, 1015, 1030, 1099, 1200]);
    expect(Object.fromEntries(got)).toEqual({
      999: { ok: true, block: 0 }, // before every known block, and no source block before block 10
      1000: { ok: true, block: 10 },
      1009: { ok: true, block: 10 },
      1015: { ok: false, block: 12, reason: noBlockTimeReason(12) }, // 11 at 1010, 13 at 1030: block 12 (1010..1030) could be it
      1030: { ok: true, block: 13 },
      1099: { ok: true, block: 13 },
      1200: { ok: true, block: 20 },
    });
  });

  it('sees a "PositionEvent" block without a time after the last known block', async () => {
    await db.pool.query(
      `INSERT INTO "PositionEvent" (id, "tokenId", pool, "blockNumber", "txHash", "logIndex", timestamp, "eventType")
       VALUES ('0xpe:0', '1', 'unknown', 25, '0xpe', 0, 1100, 'COLLECT')`,
    );
    expect(await new ChainTimeRepository(db.pool).lastBlockAtOrBefore(1200)).toEqual({ ok: false, block: 25, reason: noBlockTimeReason(25) });
    await db.pool.query(`INSERT INTO block_time (block_number, timestamp, source) VALUES (25, 1150, 'header')`);
    expect(await new ChainTimeRepository(db.pool).lastBlockAtOrBefore(1200)).toEqual({ ok: true, block: 25 });
    expect(await new ChainTimeRepository(db.pool).lastBlockAtOrBefore(1149)).toEqual({ ok: true, block: 20 });
  });

  it('walks block_time_timestamp and the chain-order indexes, one step each, on a table of realistic size', async () => {
    await db.pool.query(`
      INSERT INTO "PoolEvent" (id, pool, "blockNumber", "txHash", "logIndex", timestamp, "eventName")
      SELECT 'bulk:' || g, '0xbulk' || (g % 200), 1000 + g / 4, 'bulk' || g, g % 4, 0, 'Swap' FROM generate_series(1, 100000) AS g`);
    await db.pool.query(`
      INSERT INTO "PositionEvent" (id, "tokenId", pool, "blockNumber", "txHash", "logIndex", timestamp, "eventType")
      SELECT 'bulk:' || g, (g % 500)::text, 'unknown', 1000 + g / 2, 'bulk' || g, 10 + g % 2, 0, 'COLLECT' FROM generate_series(1, 40000) AS g`);
    await db.pool.query(`INSERT INTO block_time (block_number, timestamp, source) SELECT b, 10000 + b * 2, 'header' FROM generate_series(1000, 26000) AS b`);
    await db.pool.query('ANALYZE "PoolEvent"; ANALYZE "PositionEvent"; ANALYZE block_time');
    const { rows } = await db.pool.query(`EXPLAIN (FORMAT JSON) ${BLOCKS_AT_OR_BEFORE_SQL}`, [[20000, 40000, 90000]]);
    const nodes: { 'Node Type': string; 'Index Name'?: string }[] = [];
    const walk = (n: { 'Node Type': string; 'Index Name'?: string; Plans?: unknown[] }) => {
      nodes.push(n);
      for (const c of n.Plans ?? []) walk(c as typeof n);
    };
    walk(rows[0]['QUERY PLAN'][0].Plan);
    const types = nodes.map((n) => n['Node Type']);
    expect(types).not.toContain('Seq Scan');
    expect(types).not.toContain('Sort');
    const indexes = new Set(nodes.flatMap((n) => (n['Index Name'] ? [n['Index Name']] : [])));
    expect(indexes).toEqual(new Set(['block_time_timestamp', 'lpe_pool_event_chain_order', 'lpe_position_event_chain_order']));
  });
});
