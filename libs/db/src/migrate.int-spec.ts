import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { applyMigrations } from './migrate';
import { defaultMigrationsDir, listMigrationFiles } from './migration-files';
import { createTestDatabase, type TestDatabase } from './test-database';

/** [column, type, nullable], in table order: DESIGN.md section 2, written out. */
type ColumnSpec = [string, string, 'NULL' | 'NOT NULL'];

const SOURCE_TABLES: Record<string, ColumnSpec[]> = {
  PositionEvent: [
    ['id', 'text', 'NOT NULL'],
    ['tokenId', 'text', 'NOT NULL'],
    ['pool', 'text', 'NOT NULL'],
    ['blockNumber', 'integer', 'NOT NULL'],
    ['txHash', 'text', 'NOT NULL'],
    ['logIndex', 'integer', 'NOT NULL'],
    ['timestamp', 'integer', 'NOT NULL'],
    ['eventType', 'PositionEventType', 'NOT NULL'],
    ['sender', 'text', 'NULL'],
    ['owner', 'text', 'NULL'],
    ['recipient', 'text', 'NULL'],
    ['tickLower', 'integer', 'NULL'],
    ['tickUpper', 'integer', 'NULL'],
    ['tick', 'integer', 'NULL'],
    ['liquidityDelta', 'text', 'NULL'],
    ['amount0', 'text', 'NULL'],
    ['amount1', 'text', 'NULL'],
    ['sqrtPriceX96', 'text', 'NULL'],
    ['price1Per0', 'double precision', 'NULL'],
    ['usdValue', 'double precision', 'NULL'],
    ['metadata', 'jsonb', 'NULL'],
  ],
  PoolEvent: [
    ['id', 'text', 'NOT NULL'],
    ['pool', 'text', 'NOT NULL'],
    ['blockNumber', 'integer', 'NOT NULL'],
    ['txHash', 'text', 'NOT NULL'],
    ['logIndex', 'integer', 'NOT NULL'],
    ['timestamp', 'integer', 'NOT NULL'],
    ['eventName', 'text', 'NOT NULL'],
    ['sender', 'text', 'NULL'],
    ['owner', 'text', 'NULL'],
    ['recipient', 'text', 'NULL'],
    ['tickLower', 'integer', 'NULL'],
    ['tickUpper', 'integer', 'NULL'],
    ['amount', 'text', 'NULL'],
    ['amount0', 'text', 'NULL'],
    ['amount1', 'text', 'NULL'],
    ['sqrtPriceX96', 'text', 'NULL'],
    ['liquidity', 'text', 'NULL'],
    ['tick', 'integer', 'NULL'],
  ],
  PositionTransfer: [
    ['id', 'text', 'NOT NULL'],
    ['tokenId', 'text', 'NOT NULL'],
    ['from', 'text', 'NOT NULL'],
    ['to', 'text', 'NOT NULL'],
    ['blockNumber', 'integer', 'NOT NULL'],
    ['txHash', 'text', 'NOT NULL'],
    ['logIndex', 'integer', 'NOT NULL'],
    ['timestamp', 'integer', 'NOT NULL'],
    ['metadata', 'jsonb', 'NULL'],
    ['nfpmAddress', 'text', 'NULL'],
  ],
  Pool: [
    ['address', 'text', 'NOT NULL'],
    ['token0', 'text', 'NOT NULL'],
    ['token1', 'text', 'NOT NULL'],
    ['fee', 'integer', 'NOT NULL'],
    ['token0Symbol', 'text', 'NULL'],
    ['token1Symbol', 'text', 'NULL'],
    ['token0Name', 'text', 'NULL'],
    ['token1Name', 'text', 'NULL'],
    ['token0Decimals', 'integer', 'NULL'],
    ['token1Decimals', 'integer', 'NULL'],
    ['factory', 'text', 'NOT NULL'],
    ['blockNumber', 'integer', 'NOT NULL'],
    ['txHash', 'text', 'NOT NULL'],
    ['createdAt', 'timestamp(3)', 'NOT NULL'],
    ['updatedAt', 'timestamp(3)', 'NOT NULL'],
  ],
  PoolIncentive: [
    ['id', 'integer', 'NOT NULL'],
    ['poolAddress', 'text', 'NOT NULL'],
    ['dex', 'text', 'NOT NULL'],
    ['rewardToken', 'text', 'NOT NULL'],
    ['rewardTokenSymbol', 'text', 'NULL'],
    ['rewardPerDay', 'numeric(38,18)', 'NOT NULL'],
    ['rewardUsdPerDay', 'numeric(38,18)', 'NULL'],
    ['programName', 'text', 'NULL'],
    ['startDate', 'timestamp(3)', 'NOT NULL'],
    ['endDate', 'timestamp(3)', 'NULL'],
    ['sourceUrl', 'text', 'NULL'],
    ['sourceType', 'text', 'NOT NULL'],
    ['stakingContract', 'text', 'NULL'],
    ['isActive', 'boolean', 'NOT NULL'],
    ['verified', 'boolean', 'NOT NULL'],
    ['createdAt', 'timestamp(3)', 'NOT NULL'],
    ['updatedAt', 'timestamp(3)', 'NOT NULL'],
  ],
};

/** [table, columns, unique]: the keys and indexes DESIGN.md section 2 names. */
const SOURCE_INDEXES: [string, string[], boolean][] = [
  ['PositionEvent', ['id'], true],
  ['PositionEvent', ['txHash', 'logIndex'], true],
  ['PositionEvent', ['tokenId', 'blockNumber'], false],
  ['PositionEvent', ['pool', 'blockNumber'], false],
  ['PoolEvent', ['id'], true],
  ['PoolEvent', ['txHash', 'logIndex'], true],
  ['PoolEvent', ['pool', 'blockNumber'], false],
  ['PositionTransfer', ['id'], true],
  ['PositionTransfer', ['txHash', 'logIndex'], true],
  ['PositionTransfer', ['tokenId', 'blockNumber'], false],
  ['PositionTransfer', ['nfpmAddress'], false],
  ['Pool', ['address'], true],
  ['PoolIncentive', ['id'], true],
  ['PoolIncentive', ['poolAddress', 'rewardToken', 'startDate'], true],
];

const ALL_MIGRATIONS = listMigrationFiles(defaultMigrationsDir()).map((m) => m.name);

async function columnsOf(pool: Pool, table: string): Promise<ColumnSpec[]> {
  const { rows } = await pool.query<{ name: string; type: string; nullable: string }>(
    `SELECT column_name AS name,
            CASE data_type
              WHEN 'USER-DEFINED' THEN udt_name
              WHEN 'numeric' THEN format('numeric(%s,%s)', numeric_precision, numeric_scale)
              WHEN 'timestamp without time zone' THEN format('timestamp(%s)', datetime_precision)
              ELSE data_type
            END AS type,
            CASE is_nullable WHEN 'YES' THEN 'NULL' ELSE 'NOT NULL' END AS nullable
       FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1
      ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => [r.name, r.type, r.nullable as ColumnSpec[2]]);
}

/** Every index of the tables: its name, table, columns in order and uniqueness. */
async function indexesOf(pool: Pool, tables: string[]): Promise<{ name: string; table: string; columns: string[]; unique: boolean }[]> {
  const { rows } = await pool.query(
    `SELECT ic.relname AS name, t.relname AS table, i.indisunique AS unique,
            array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE t.relname = ANY($1) AND t.relnamespace = current_schema()::regnamespace
      GROUP BY ic.relname, t.relname, i.indisunique
      ORDER BY t.relname, ic.relname`,
    [tables],
  );
  return rows;
}

/** What our migrations must not change in existing source tables: their rows and columns. */
async function snapshot(pool: Pool) {
  const rows: Record<string, unknown[]> = {};
  const columns: Record<string, ColumnSpec[]> = {};
  for (const table of Object.keys(SOURCE_TABLES)) {
    rows[table] = (await pool.query(`SELECT to_jsonb(t) AS row FROM "${table}" t ORDER BY to_jsonb(t)::text`)).rows;
    columns[table] = await columnsOf(pool, table);
  }
  return { rows, columns };
}

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db?.drop());

  it('apply to an empty database once; a second run applies nothing', async () => {
    expect(await applyMigrations(db.pool)).toEqual({ alreadyApplied: [], appliedNow: ALL_MIGRATIONS });
    expect(await applyMigrations(db.pool)).toEqual({ alreadyApplied: ALL_MIGRATIONS, appliedNow: [] });
  });

  it.each(Object.entries(SOURCE_TABLES))('create "%s" with the columns and types of the design', async (table, expected) => {
    expect(await columnsOf(db.pool, table)).toEqual(expected);
  });

  it('create the enum, keys, indexes and the foreign key of the design', async () => {
    const labels = await db.pool.query(`SELECT unnest(enum_range(NULL::"PositionEventType"))::text AS label`);
    expect(labels.rows.map((r) => r.label)).toEqual(['MINT', 'INCREASE', 'DECREASE', 'COLLECT', 'BURN', 'SWAP', 'OTHER']);

    const indexes = await indexesOf(db.pool, Object.keys(SOURCE_TABLES));
    // Later migrations may add indexes of ours; the design's must all be there.
    expect(indexes.map((i) => [i.table, i.columns, i.unique])).toEqual(expect.arrayContaining(SOURCE_INDEXES));

    const fk = await db.pool.query(
      `SELECT confrelid::regclass::text AS references FROM pg_constraint WHERE contype = 'f' AND conrelid = '"PoolIncentive"'::regclass`,
    );
    expect(fk.rows).toEqual([{ references: '"Pool"' }]);
  });

  it('create our own tables with defaults for a new replay run', async () => {
    const run = await db.pool.query(`INSERT INTO replay_run (state) VALUES ('pending') RETURNING *`);
    expect(run.rows[0]).toMatchObject({ id: '1', state: 'pending', cursor: {}, end_offsets: {}, steps: [], rows_produced: '0' });
    await db.pool.query(`INSERT INTO indexer_checkpoint (name, last_block) VALUES ('enosys', 9007199254740993)`);
    const checkpoint = await db.pool.query(`SELECT last_block FROM indexer_checkpoint`);
    expect(checkpoint.rows).toEqual([{ last_block: '9007199254740993' }]);
  });
});

describe('migrations on a production database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db?.drop());

  it('leave existing source tables, their rows, columns and indexes untouched', async () => {
    // Stand-in for a production database: the tables exist (made here by the same SQL,
    // outside our bookkeeping), with rows, a column we do not know, an index of another name.
    const sourceTablesSql = readFileSync(join(defaultMigrationsDir(), `${ALL_MIGRATIONS[0]}.sql`), 'utf8');
    await db.pool.query(sourceTablesSql);
    await db.pool.query(`
      ALTER TABLE "PositionEvent" ADD COLUMN "legacyNote" text;
      ALTER INDEX "PositionEvent_pool_blockNumber_idx" RENAME TO "pe_pool_block";
      INSERT INTO "Pool" VALUES ('0xpool', '0xt0', '0xt1', 3000, 'WFLR', 'USDT', 'Wrapped Flare', 'Tether', 18, NULL,
                                '0xfactory', 100, '0xtx', '2024-01-01 00:00:00', '2024-01-02 00:00:00');
      INSERT INTO "PoolIncentive" ("poolAddress", dex, "rewardToken", "rewardTokenSymbol", "rewardPerDay", "rewardUsdPerDay",
                                   "programName", "startDate", "updatedAt")
        VALUES ('0xpool', 'enosys', '0xrflr', 'rFLR', 1000.123456789012345678, 12.5, 'spring', '2024-03-01', '2024-03-01');
      INSERT INTO "PositionEvent" (id, "tokenId", pool, "blockNumber", "txHash", "logIndex", timestamp, "eventType",
                                   amount0, "usdValue", metadata, "legacyNote")
        VALUES ('0xa:1', '7', 'unknown', 101, '0xa', 1, 1700000000, 'MINT', '1000000000000000000000', 1.5, '{"k": 1}', 'old');
      INSERT INTO "PoolEvent" (id, pool, "blockNumber", "txHash", "logIndex", timestamp, "eventName", liquidity)
        VALUES ('0xa:0', '0xpool', 101, '0xa', 0, 1700000000, 'Mint', '123');
      INSERT INTO "PositionTransfer" (id, "tokenId", "from", "to", "blockNumber", "txHash", "logIndex", timestamp)
        VALUES ('0xa:2', '7', '0x0', '0xowner', 101, '0xa', 2, 1700000000);
    `);
    const before = await snapshot(db.pool);
    const indexesBefore = await indexesOf(db.pool, Object.keys(SOURCE_TABLES));

    expect((await applyMigrations(db.pool)).appliedNow).toEqual(ALL_MIGRATIONS);

    const after = await snapshot(db.pool);
    expect(after).toEqual(before);
    expect(Object.values(after.rows).every((rows) => rows.length > 0)).toBe(true);
    // 0001 adds nothing to an existing table (not even its own index names, see
    // "pe_pool_block"); later migrations of ours may add indexes, never drop one.
    expect(await indexesOf(db.pool, Object.keys(SOURCE_TABLES))).toEqual(expect.arrayContaining(indexesBefore));
    const renamed = await db.pool.query(`SELECT to_regclass('"PositionEvent_pool_blockNumber_idx"') IS NULL AS absent`);
    expect(renamed.rows).toEqual([{ absent: true }]);
  });
});

describe('a -- lpe:no-transaction migration', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
    dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  it('runs statement by statement outside a transaction (CREATE INDEX CONCURRENTLY), then is recorded', async () => {
    writeFileSync(join(dir, '0001_table.sql'), `CREATE TABLE big (a int, b int); INSERT INTO big SELECT g, g FROM generate_series(1, 1000) g;`);
    writeFileSync(
      join(dir, '0002_index.sql'),
      `-- lpe:no-transaction\n-- a comment; with a semicolon\nCREATE INDEX CONCURRENTLY IF NOT EXISTS big_a ON big (a);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS big_b ON big (b) WHERE b > 10;\n`,
    );
    expect(await applyMigrations(db.pool, { migrationsDir: dir })).toEqual({ alreadyApplied: [], appliedNow: ['0001_table', '0002_index'] });
    const { rows } = await db.pool.query(
      `SELECT indexrelid::regclass::text AS name, indisvalid AS valid FROM pg_index WHERE indrelid = 'big'::regclass ORDER BY 1`,
    );
    expect(rows).toEqual([
      { name: 'big_a', valid: true },
      { name: 'big_b', valid: true },
    ]);
  });

  it('fails without a record, keeps what ran before the failure, and runs again once fixed', async () => {
    writeFileSync(
      join(dir, '0003_fails.sql'),
      `-- lpe:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS big_ab ON big (a, b);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS big_c ON big (c);\n`,
    );
    await expect(applyMigrations(db.pool, { migrationsDir: dir })).rejects.toThrow(
      /migration 0003_fails \(outside a transaction\) failed: column "c" does not exist/,
    );
    const recorded = await db.pool.query(`SELECT name FROM pgmigrations ORDER BY id`);
    expect(recorded.rows.map((r) => r.name)).toEqual(['0001_table', '0002_index']);
    expect((await db.pool.query(`SELECT to_regclass('big_ab') IS NOT NULL AS kept`)).rows).toEqual([{ kept: true }]);
    writeFileSync(
      join(dir, '0003_fails.sql'),
      `-- lpe:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS big_ab ON big (a, b);\nCREATE INDEX CONCURRENTLY IF NOT EXISTS big_c ON big (b, a);\n`,
    );
    expect((await applyMigrations(db.pool, { migrationsDir: dir })).appliedNow).toEqual(['0003_fails']);
  });
});
