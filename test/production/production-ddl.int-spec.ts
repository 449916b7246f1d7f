/**
 * Our migrations and writers on a database built from the production DDL
 * (test/fixtures/production-ddl.sql, DESIGN.md section 2: Prisma's tables, "updatedAt"
 * without a default, nullable symbols, "_prisma_migrations", a materialized view over
 * "PositionEvent"). The fixture is the oracle:
 * - the migrations leave every production column, constraint, index, the enum, Prisma's
 *   history and the view as they were, and add exactly the documented indexes (valid,
 *   built concurrently by 0014);
 * - migration 0001 on an empty database creates the same tables, column for column;
 * - the indexer (over the shared local chain) and the reward-input importer write into it
 *   ("updatedAt" given by every insert; NULL symbols and names writable).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { createChainClient } from '@lib/chain';
import { applyMigrations, createTestDatabase, PRODUCTION_TABLE_INDEXES, PRODUCTION_TABLES, upsertRows, type TestDatabase } from '@lib/db';
import {
  createChainReaders,
  importRewardInputs,
  indexChain,
  manifestDexSources,
  manifestLastBlock,
  manifestRewardInputs,
  parseChainManifest,
  poolIncentiveRow,
  poolIncentiveUpsert,
  poolUpsert,
  type ChainManifest,
} from '@lib/indexer';
import { sharedChain } from '../support/chain-fixture';

const FIXTURE = join(__dirname, '..', 'fixtures', 'production-ddl.sql');
const TABLES: readonly string[] = PRODUCTION_TABLES;

/** Everything of the production schema a migration could change, as comparable rows. */
async function productionSchema(pool: Pool) {
  const q = async (sql: string, params: unknown[] = [TABLES]) => (await pool.query(sql, params)).rows;
  return {
    columns: await q(
      `SELECT table_name, ordinal_position, column_name, data_type, udt_name, character_maximum_length, numeric_precision, numeric_scale,
              datetime_precision, is_nullable, column_default
         FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ANY($1)
        ORDER BY table_name, ordinal_position`,
    ),
    constraints: await q(
      `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
         FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
        WHERE t.relname = ANY($1) AND t.relnamespace = current_schema()::regnamespace
        ORDER BY 1, 2`,
    ),
    indexes: await q(
      `SELECT i.tablename AS table, i.indexname AS name, i.indexdef AS definition, x.indisvalid AS valid
         FROM pg_indexes i JOIN pg_index x ON x.indexrelid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass
        WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
        ORDER BY 1, 2`,
    ),
    enum: await q(`SELECT enumlabel FROM pg_enum WHERE enumtypid = '"PositionEventType"'::regtype ORDER BY enumsortorder`, []),
  };
}

async function prismaHistory(pool: Pool) {
  const columns = await pool.query(
    `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
  );
  const rows = await pool.query(`SELECT to_jsonb(m) AS row FROM "_prisma_migrations" m ORDER BY id`);
  return { columns: columns.rows, rows: rows.rows };
}

async function viewDefinition(pool: Pool): Promise<string | null> {
  const { rows } = await pool.query(`SELECT definition FROM pg_matviews WHERE matviewname = 'PositionEventCountByPool'`);
  return rows[0]?.definition ?? null;
}

describe('the production DDL under our migrations and writers', () => {
  let prod: TestDatabase;
  let fresh: TestDatabase;
  let manifest: ChainManifest;
  let rpcUrl: string;
  let before: Awaited<ReturnType<typeof productionSchema>>;
  let after: Awaited<ReturnType<typeof productionSchema>>;
  let historyBefore: Awaited<ReturnType<typeof prismaHistory>>;
  let viewBefore: string | null;

  beforeAll(async () => {
    const chain = sharedChain();
    rpcUrl = chain.rpcUrl;
    manifest = parseChainManifest(readFileSync(chain.manifestPath, 'utf8'), chain.manifestPath);
    prod = await createTestDatabase({ migrate: false });
    await prod.pool.query(readFileSync(FIXTURE, 'utf8'));
    before = await productionSchema(prod.pool);
    historyBefore = await prismaHistory(prod.pool);
    viewBefore = await viewDefinition(prod.pool);
    await applyMigrations(prod.pool);
    after = await productionSchema(prod.pool);
    fresh = await createTestDatabase();
  });
  afterAll(async () => {
    await prod?.drop();
    await fresh?.drop();
  });

  it('the fixture has the tables, the enum and the "updatedAt" without default of the design', () => {
    expect([...new Set(before.columns.map((c) => c.table_name))].sort()).toEqual([...TABLES].sort());
    expect(before.enum.map((e) => e.enumlabel)).toEqual(['MINT', 'INCREASE', 'DECREASE', 'COLLECT', 'BURN', 'SWAP', 'OTHER']);
    const updatedAt = before.columns.filter((c) => c.column_name === 'updatedAt');
    expect(updatedAt.map((c) => [c.table_name, c.is_nullable, c.column_default])).toEqual([
      ['Pool', 'NO', null],
      ['PoolIncentive', 'NO', null],
    ]);
  });

  it('leave every production column (type, nullability, default), constraint and the enum unchanged', () => {
    expect(after.columns).toEqual(before.columns);
    expect(after.constraints).toEqual(before.constraints);
    expect(after.enum).toEqual(before.enum);
  });

  it('keep every production index and add exactly the documented ones, valid', () => {
    const kept = after.indexes.filter((i) => before.indexes.some((b) => b.name === i.name));
    expect(kept).toEqual(before.indexes);
    const added = after.indexes.filter((i) => !before.indexes.some((b) => b.name === i.name));
    expect(added.map((i) => ({ table: i.table, name: i.name, valid: i.valid })).sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      PRODUCTION_TABLE_INDEXES.map((i) => ({ table: i.table, name: i.name, valid: true })).sort((a, b) => a.name.localeCompare(b.name)),
    );
    // Each as documented: its key columns and predicate (pg_indexes normalises the SQL).
    for (const index of PRODUCTION_TABLE_INDEXES) {
      const definition: string = added.find((i) => i.name === index.name)!.definition;
      expect(definition).toContain(`ON public."${index.table}" USING btree `);
      if (index.where) expect(definition).toContain(' WHERE ');
      else expect(definition).not.toContain(' WHERE ');
    }
  });

  it('leave Prisma\'s "_prisma_migrations" and the materialized view over "PositionEvent" untouched', async () => {
    expect(await prismaHistory(prod.pool)).toEqual(historyBefore);
    expect(historyBefore.rows).toHaveLength(2);
    expect(await viewDefinition(prod.pool)).toEqual(viewBefore);
    expect(viewBefore).not.toBeNull();
  });

  it('migration 0001 on an empty database creates exactly the production DDL', async () => {
    expect(await productionSchema(fresh.pool)).toEqual(after);
  });

  it('the indexer writes the local chain into it, every "Pool" row with its "createdAt"/"updatedAt"', async () => {
    const options = {
      readers: createChainReaders(createChainClient(rpcUrl)),
      db: prod.pool,
      dexes: manifestDexSources(manifest),
      toBlock: manifestLastBlock(manifest),
      window: 5000,
    };
    await indexChain(options);
    const counts = (
      await prod.pool.query(
        `SELECT (SELECT count(*) FROM "Pool")::int AS "Pool", (SELECT count(*) FROM "PoolEvent")::int AS "PoolEvent",
              (SELECT count(*) FROM "PositionEvent")::int AS "PositionEvent", (SELECT count(*) FROM "PositionTransfer")::int AS "PositionTransfer"`,
      )
    ).rows[0];
    for (const table of ['Pool', 'PoolEvent', 'PositionEvent', 'PositionTransfer']) expect(counts[table]).toBeGreaterThan(0);
    const stamps = await prod.pool.query(`SELECT count(*)::int AS n FROM "Pool" WHERE "createdAt" IS NULL OR "updatedAt" IS NULL OR "updatedAt" < "createdAt"`);
    expect(stamps.rows).toEqual([{ n: 0 }]);

    // Re-indexing the same blocks changes no row, "updatedAt" included.
    const poolsBefore = (await prod.pool.query(`SELECT to_jsonb(p) AS row FROM "Pool" p ORDER BY address`)).rows;
    await prod.pool.query(`DELETE FROM indexer_checkpoint`);
    await indexChain(options);
    expect((await prod.pool.query(`SELECT to_jsonb(p) AS row FROM "Pool" p ORDER BY address`)).rows).toEqual(poolsBefore);

    // The view over "PositionEvent" still refreshes over the indexed rows.
    await prod.pool.query(`REFRESH MATERIALIZED VIEW "PositionEventCountByPool"`);
    const viewed = await prod.pool.query(`SELECT sum(events)::int AS n FROM "PositionEventCountByPool"`);
    expect(viewed.rows).toEqual([{ n: counts.PositionEvent }]);
  });

  it('"Pool" rows with NULL symbols and names are writable; a changed row gets a later "updatedAt", its "createdAt" kept', async () => {
    const row = {
      address: '0x00000000000000000000000000000000000000aa',
      token0: '0x00000000000000000000000000000000000000a0',
      token1: '0x00000000000000000000000000000000000000a1',
      fee: 3000,
      token0Symbol: null,
      token1Symbol: null,
      token0Name: null,
      token1Name: null,
      token0Decimals: null,
      token1Decimals: null,
      factory: '0x00000000000000000000000000000000000000fa',
      blockNumber: 1,
      txHash: '0x01',
    };
    expect(await upsertRows(prod.pool, poolUpsert([row], new Date('2025-01-01T00:00:00Z')))).toBe(1);
    expect(await upsertRows(prod.pool, poolUpsert([row], new Date('2025-02-01T00:00:00Z')))).toBe(0);
    expect(await upsertRows(prod.pool, poolUpsert([{ ...row, token0Symbol: 'A' }], new Date('2025-03-01T00:00:00Z')))).toBe(1);
    const { rows } = await prod.pool.query(
      `SELECT "token0Symbol", "token1Symbol", to_char("createdAt", 'YYYY-MM-DD') AS created, to_char("updatedAt", 'YYYY-MM-DD') AS updated FROM "Pool" WHERE address = $1`,
      [row.address],
    );
    expect(rows).toEqual([{ token0Symbol: 'A', token1Symbol: null, created: '2025-01-01', updated: '2025-03-01' }]);
  });

  it('import-inputs writes "PoolIncentive" with "createdAt"/"updatedAt"; re-importing changes nothing; NULL symbol, USD and name are writable', async () => {
    const inputs = manifestRewardInputs(manifest);
    const first = await importRewardInputs(prod.pool, inputs);
    expect(first.rejected).toEqual([]);
    expect(first.incentives.changed).toBe(manifest.incentives?.length);
    expect(first.incentives.changed).toBeGreaterThan(0);
    const stamped = async () => (await prod.pool.query(`SELECT id, "createdAt", "updatedAt", "sourceType", verified FROM "PoolIncentive" ORDER BY id`)).rows;
    const rows = await stamped();
    expect(rows.every((r) => r.createdAt !== null && r.updatedAt !== null && r.sourceType === 'on-chain' && r.verified === false)).toBe(true);
    const again = await importRewardInputs(prod.pool, inputs);
    expect(again.incentives.changed + again.rflr.changed).toBe(0);
    expect(await stamped()).toEqual(rows);

    const pool = (await prod.pool.query(`SELECT address FROM "Pool" ORDER BY address LIMIT 1`)).rows[0].address as string;
    const snapshot = poolIncentiveRow(
      { pool, dex: 'enosys', rewardToken: '0x00000000000000000000000000000000000000bb', rewardPerDay: '10', startDate: '2025-01-01' },
      new Date('2025-01-08T00:00:00Z'),
    );
    expect(await upsertRows(prod.pool, poolIncentiveUpsert([snapshot]))).toBe(1);
    const written = await prod.pool.query(
      `SELECT "rewardTokenSymbol", "rewardUsdPerDay", "programName", "endDate" FROM "PoolIncentive" WHERE "rewardToken" = '0x00000000000000000000000000000000000000bb'`,
    );
    expect(written.rows).toEqual([{ rewardTokenSymbol: null, rewardUsdPerDay: null, programName: null, endDate: null }]);
  });
});
