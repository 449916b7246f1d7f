import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '@lib/db';
import { blocksWithoutTime } from '@lib/indexer';
import { PoolDirectoryRepository, PoolPriceSource } from '@lib/pricing';
import { loadScaleDataset, type LoadedScaleDataset } from './load-dataset';

/** The dataset loads into a fresh database with COPY, is cached for the next load, and prices. */
describe('loadScaleDataset', () => {
  const options = { events: 1500, seed: 4 };
  let cacheDir: string;
  const databases: TestDatabase[] = [];
  let first: LoadedScaleDataset;

  beforeAll(async () => {
    cacheDir = mkdtempSync(join(tmpdir(), 'lp-dataset-load-'));
    databases.push(await createTestDatabase(), await createTestDatabase());
    first = await loadScaleDataset({ ...options, cacheDir, databaseUrl: databases[0]!.url });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(databases.map((db) => db.drop()));
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('loads every table of the manifest, row for row', async () => {
    expect(first.cached).toBe(false);
    const db = databases[0]!;
    for (const t of first.manifest.tables) {
      const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM "${t.name}"`);
      expect({ table: t.name, rows: rows[0].n }).toEqual({ table: t.name, rows: t.rows });
      expect(first.counts[t.name]).toBe(t.rows);
    }
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS n FROM "PositionEvent" e JOIN position_registry r ON r.position_manager = e.metadata->>'positionManager' AND r.token_id = e."tokenId"`,
    );
    expect(rows[0].n).toBe(first.counts.PositionEvent);
  });

  it("writes every source block's time (source 'dataset'), the time the rows of that block carry, so a replay's prepare phase reads no header", async () => {
    const db = databases[0]!;
    expect(await blocksWithoutTime(db.pool)).toEqual([]);
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE bt.source <> 'dataset' OR bt.timestamp <> s.timestamp)::int AS wrong
         FROM (SELECT "blockNumber", timestamp FROM "PositionEvent" UNION ALL SELECT "blockNumber", timestamp FROM "PoolEvent"
               UNION ALL SELECT "blockNumber", timestamp FROM "PositionTransfer") s
         JOIN block_time bt ON bt.block_number = s."blockNumber"`,
    );
    expect(rows[0].n).toBeGreaterThan(1500);
    expect(rows[0].wrong).toBe(0);
  });

  it('loads the cached files into a second database without generating, and refuses a filled one', async () => {
    const second = await loadScaleDataset({ ...options, cacheDir, databaseUrl: databases[1]!.url, withRegistry: false });
    expect(second).toMatchObject({ cached: true, checksum: first.checksum, dir: first.dir });
    expect(second.counts.position_registry).toBeUndefined();
    expect(second.counts.PositionEvent).toBe(first.counts.PositionEvent);
    await expect(loadScaleDataset({ ...options, cacheDir, databaseUrl: databases[1]!.url })).rejects.toThrow(/already has rows/);
  });

  it('gives every pooled token a USD price through the configured stablecoin and wrapped native token', async () => {
    const db = databases[0]!;
    const env = first.serviceEnv;
    const prices = PoolPriceSource.fromDatabase(db.pool, { usdStablecoins: env.LP_USD_STABLECOINS!.split(','), wrappedNative: env.LP_WRAPPED_NATIVE! });
    const directory = await new PoolDirectoryRepository(db.pool).directory();
    const tokens = [...new Set(first.manifest.pools.flatMap((p) => [p.token0, p.token1]))];
    const { rows } = await db.pool.query(`SELECT max("blockNumber") AS b FROM "PoolEvent"`);
    const results = await prices.pricesUsd(tokens.map((token) => ({ token, at: { blockNumber: rows[0].b + 1, logIndex: 0 } })));
    expect(results.map((r, i) => ({ token: tokens[i], ok: r.ok, why: r.ok ? undefined : r.reason }))).toEqual(
      tokens.map((token) => ({ token, ok: true, why: undefined })),
    );
    for (const token of tokens) expect(directory.decimalsOf(token).ok).toBe(true);
  });
});
