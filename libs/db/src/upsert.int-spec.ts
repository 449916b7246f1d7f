import { createTestDatabase, type TestDatabase } from './test-database';
import { buildUpsertStatements, MAX_QUERY_PARAMETERS, upsertRows, type UpsertSpec } from './upsert';

/** A "PositionEvent" row: camelCase columns, an enum, jsonb and double precision in one table. */
interface PositionEventRow {
  id: string;
  tokenId: string;
  pool: string;
  blockNumber: number;
  txHash: string;
  logIndex: number;
  timestamp: number;
  eventType: string;
  owner: string | null;
  amount0: string | null;
  usdValue: number | null;
  metadata: object | null;
}

const COLUMNS: UpsertSpec<PositionEventRow>['columns'] = [
  'id',
  'tokenId',
  'pool',
  'blockNumber',
  'txHash',
  'logIndex',
  'timestamp',
  'eventType',
  'owner',
  'amount0',
  'usdValue',
  'metadata',
];

function event(i: number): PositionEventRow {
  const txHash = `0x${i.toString(16).padStart(64, '0')}`;
  return {
    id: `${txHash}:${i % 7}`,
    tokenId: String(1 + (i % 50)),
    pool: i % 3 === 0 ? 'unknown' : '0xpool',
    blockNumber: 1000 + i,
    txHash,
    logIndex: i % 7,
    timestamp: 1_700_000_000 + i * 12,
    eventType: ['MINT', 'INCREASE', 'DECREASE', 'COLLECT'][i % 4],
    owner: i % 5 === 0 ? null : '0xowner',
    amount0: `${i}000000000000000000000`, // beyond 2^64: a decimal string, as in production
    usdValue: i % 2 === 0 ? null : i / 3,
    metadata: i % 4 === 0 ? null : { source: 'test', i },
  };
}

const events = (from: number, count: number) => Array.from({ length: count }, (_, k) => event(from + k));

describe('upsertRows against PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());
  beforeEach(() => db.pool.query('TRUNCATE "PositionEvent"'));

  const upsert = (rows: PositionEventRow[], update: UpsertSpec<PositionEventRow>['update'] = 'all') =>
    upsertRows(db.pool, { table: 'PositionEvent', columns: COLUMNS, conflict: ['id'], update, rows });

  /** The table, and each row's version (xmin), which changes whenever a row is rewritten. */
  const table = async () => (await db.pool.query(`SELECT xmin::text AS version, * FROM "PositionEvent" ORDER BY id`)).rows;

  it('gives an identical table when the same batch is replayed, without rewriting a row', async () => {
    expect(await upsert(events(0, 200))).toBe(200);
    const first = await table();
    expect(first).toHaveLength(200);

    expect(await upsert(events(0, 200))).toBe(0);
    expect(await table()).toEqual(first);
  });

  it('overwrites the non-key columns of rows whose key already exists, and inserts the rest', async () => {
    await upsert(events(0, 20));
    const changed = events(10, 20).map((row) => ({ ...row, pool: '0xattributed', usdValue: 42.5 }));
    expect(await upsert(changed)).toBe(20); // 10 updated, 10 inserted

    const { rows } = await db.pool.query(`SELECT pool, "usdValue", count(*)::int AS n FROM "PositionEvent" GROUP BY 1, 2 ORDER BY 1, 2`);
    const untouched = events(0, 10).filter((r) => r.pool === '0xpool').length;
    expect(rows.find((r) => r.pool === '0xattributed')).toEqual({ pool: '0xattributed', usdValue: 42.5, n: 20 });
    expect(rows.filter((r) => r.pool === '0xpool').reduce((n, r) => n + r.n, 0)).toBe(untouched);
  });

  it('updates only the listed columns, or nothing', async () => {
    await upsert(events(0, 5));
    const changed = events(0, 5).map((row) => ({ ...row, pool: '0xother', usdValue: 1.25 }));

    expect(await upsert(changed, ['usdValue'])).toBe(5);
    const afterList = await db.pool.query(`SELECT DISTINCT pool <> '0xother' AS kept, "usdValue" FROM "PositionEvent"`);
    expect(afterList.rows).toEqual([{ kept: true, usdValue: 1.25 }]);

    expect(
      await upsert(
        changed.map((row) => ({ ...row, usdValue: 2.5 })),
        'nothing',
      ),
    ).toBe(0);
    const afterNothing = await db.pool.query(`SELECT DISTINCT "usdValue" FROM "PositionEvent"`);
    expect(afterNothing.rows).toEqual([{ usdValue: 1.25 }]);
  });

  it('upserts on the natural key (txHash, logIndex), a unique index rather than the primary key', async () => {
    await upsert(events(0, 3));
    const rows = events(0, 3).map((row) => ({ ...row, amount0: '1' }));
    const written = await upsertRows(db.pool, { table: 'PositionEvent', columns: COLUMNS, conflict: ['txHash', 'logIndex'], update: 'all', rows });
    expect(written).toBe(3);
    expect((await db.pool.query(`SELECT DISTINCT amount0 FROM "PositionEvent"`)).rows).toEqual([{ amount0: '1' }]);
  });

  it('takes the last row of a key that occurs twice in one batch', async () => {
    const [a, b] = events(0, 2);
    expect(await upsert([a, b, { ...a, amount0: 'last' }])).toBe(2);
    const { rows } = await db.pool.query(`SELECT amount0 FROM "PositionEvent" WHERE id = $1`, [a.id]);
    expect(rows).toEqual([{ amount0: 'last' }]);
  });

  it("writes a batch above the VALUES form's parameter limit, and replays it as a no-op", async () => {
    const count = Math.ceil((2.5 * MAX_QUERY_PARAMETERS) / COLUMNS.length); // three statements
    const rows = events(0, count);
    expect(await upsert(rows)).toBe(count);
    const first = await table();
    expect(first).toHaveLength(count);
    expect(first.map((r) => r.amount0).sort()).toEqual(rows.map((r) => r.amount0).sort());

    expect(await upsert(rows)).toBe(0);
    expect(await table()).toEqual(first);
  });

  it('writes, through arrays per column, the table the VALUES form writes (enum, jsonb, numbers as text, NULLs)', async () => {
    const rows = events(0, 300);
    const statements: string[] = [];
    const recording = { query: (text: string, values?: unknown[]) => (statements.push(text), db.pool.query(text, values)) };
    expect(await upsertRows(recording, { table: 'PositionEvent', columns: COLUMNS, conflict: ['id'], update: 'all', rows })).toBe(300);
    expect(statements.filter((t) => t.startsWith('INSERT'))).toEqual([expect.stringContaining('SELECT * FROM unnest($1::text[], ')]);
    const viaArrays = (await db.pool.query(`SELECT * FROM "PositionEvent" ORDER BY id`)).rows;
    await db.pool.query('TRUNCATE "PositionEvent"');
    for (const st of buildUpsertStatements({ table: 'PositionEvent', columns: COLUMNS, conflict: ['id'], update: 'all', rows }))
      await db.pool.query(st.text, st.values);
    expect((await db.pool.query(`SELECT * FROM "PositionEvent" ORDER BY id`)).rows).toEqual(viaArrays);
  });

  it('writes a table with an array column through the VALUES form', async () => {
    await db.pool.query('CREATE TABLE upsert_tags (id text PRIMARY KEY, tags text[] NOT NULL, n numeric(78, 0))');
    const spec = (rows: { id: string; tags: string[]; n: string | null }[]) => ({
      table: 'upsert_tags',
      columns: ['id', 'tags', 'n'] as const,
      conflict: ['id'] as const,
      update: 'all' as const,
      rows,
    });
    expect(
      await upsertRows(
        db.pool,
        spec([
          { id: 'a', tags: ['x', 'y'], n: '1' },
          { id: 'b', tags: [], n: null },
        ]),
      ),
    ).toBe(2);
    expect(
      await upsertRows(
        db.pool,
        spec([
          { id: 'a', tags: ['x', 'y'], n: '1' },
          { id: 'b', tags: ['z'], n: null },
        ]),
      ),
    ).toBe(1);
    expect((await db.pool.query('SELECT id, tags, n FROM upsert_tags ORDER BY id')).rows).toEqual([
      { id: 'a', tags: ['x', 'y'], n: '1' },
      { id: 'b', tags: ['z'], n: null },
    ]);
  });

  it('runs inside the caller transaction when given a client', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      expect(await upsertRows(client, { table: 'PositionEvent', columns: COLUMNS, conflict: ['id'], update: 'all', rows: events(0, 3) })).toBe(3);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await table()).toEqual([]);
  });
});
