/**
 * The production shape against the full shape, on one real local chain (Anvil running the
 * Uniswap V3 contracts, two DEXes, a seeded scenario): the same scenario indexed in both
 * shapes into two databases, the production one checked row by row against the full one
 * and the stamps against the chain's block timestamps; then a history cut after the
 * deployment, production's rolling incentive snapshots and the opt-in quirks.
 */
import { createChainClient, type ChainClient } from '@lib/chain';
import { createTestDatabase, type TestDatabase } from '@lib/db';
import { freePort, runScenario, startAnvil, type RunningAnvil, type ScenarioManifest } from '@lib/local-chain';
import { manifestDexSources, manifestLastBlock } from './chain-manifest';
import type { DexSource } from './dex-source';
import { createChainReaders, indexChain, type IndexChainOptions } from './index-chain';
import type { DexIndexResult } from './index-dex';
import { QUIRKS, uniformQuirkRates } from './index-shape';
import { importRewardInputs } from './reward-inputs/import-reward-inputs';
import { dailyRunTimes } from './reward-inputs/incentive-snapshots';
import { manifestRewardInputs } from './reward-inputs/manifest-reward-inputs';

const SCENARIO = { positions: 30, swaps: 160, days: 2, seed: 11, perBlock: 2 };
/** Blocks per stamp window: several windows over the scenario's ~200 blocks. */
const STAMP = 25;
const INDEXED_AT = 1_900_000_000;

type Row = Record<string, unknown>;

describe('indexer shapes: production against full, on a local chain', () => {
  let anvil: RunningAnvil | undefined;
  let manifest: ScenarioManifest;
  let client: ChainClient;
  const databases: TestDatabase[] = [];
  let full: TestDatabase;
  let production: TestDatabase;
  let productionResults: DexIndexResult[];
  const blockTimes = new Map<number, number>();

  async function newDatabase(): Promise<TestDatabase> {
    const db = await createTestDatabase();
    databases.push(db);
    return db;
  }

  function indexInto(db: TestDatabase, extra: Partial<IndexChainOptions> = {}): Promise<DexIndexResult[]> {
    return indexChain({
      readers: createChainReaders(client),
      db: db.pool,
      dexes: manifestDexSources(manifest),
      toBlock: manifestLastBlock(manifest),
      window: 5000,
      ...extra,
    });
  }

  async function blockTime(block: number): Promise<number> {
    if (!blockTimes.has(block)) blockTimes.set(block, Number((await client.getBlock({ blockNumber: BigInt(block) })).timestamp));
    return blockTimes.get(block)!;
  }

  /** The stamp the test expects: the chain's timestamp of the middle block of the row's stamp window, computed here. */
  async function expectedStamp(block: number, anchor: number): Promise<number> {
    const start = anchor + Math.floor((block - anchor) / STAMP) * STAMP;
    const end = Math.min(start + STAMP - 1, manifestLastBlock(manifest));
    return blockTime(start + Math.floor((end - start) / 2));
  }

  const all = async (db: TestDatabase, sql: string, values: unknown[] = []) => (await db.pool.query(sql, values)).rows as Row[];
  const byId = (rows: Row[]) => new Map(rows.map((r) => [r.id as string, r]));

  async function checksums(db: TestDatabase): Promise<Record<string, string>> {
    const q = async (sql: string) => (await db.pool.query<{ md5: string }>(sql)).rows[0].md5;
    return {
      PositionEvent: await q(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY id), '')) FROM "PositionEvent" t`),
      PositionTransfer: await q(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY id), '')) FROM "PositionTransfer" t`),
      PoolEvent: await q(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY id), '')) FROM "PoolEvent" t`),
      Pool: await q(`SELECT md5(coalesce(string_agg((to_jsonb(t) - 'createdAt' - 'updatedAt')::text, '|' ORDER BY address), '')) FROM "Pool" t`),
    };
  }

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    manifest = await runScenario({ rpcUrl: anvil.url, ...SCENARIO });
    client = createChainClient(anvil.url);
    full = await newDatabase();
    production = await newDatabase();
    await indexInto(full);
    productionResults = await indexInto(production, { shape: 'production', stampWindow: STAMP });
  }, 600_000);

  afterAll(async () => {
    for (const db of databases) await db.drop().catch(() => undefined);
    await anvil?.stop();
  });

  it("writes INCREASE, DECREASE and COLLECT rows at the full shape's blocks, log indexes and amounts, no MINT or BURN", async () => {
    expect(productionResults.every((r) => r.skipped === 0 && !r.stopped)).toBe(true);
    const fullRows = (await all(full, `SELECT * FROM "PositionEvent" ORDER BY id`)).filter((r) => r.eventType !== 'BURN');
    const prodRows = byId(await all(production, `SELECT * FROM "PositionEvent"`));
    expect(prodRows.size).toBe(fullRows.length);
    const { rows: types } = await production.pool.query<{ eventType: string }>(`SELECT DISTINCT "eventType" FROM "PositionEvent" ORDER BY 1`);
    expect(types.map((t) => t.eventType).sort()).toEqual(['COLLECT', 'DECREASE', 'INCREASE']);

    for (const f of fullRows) {
      const p = prodRows.get(f.id as string);
      const eventType = f.eventType === 'MINT' ? 'INCREASE' : f.eventType;
      const liquidityDelta = f.eventType === 'DECREASE' ? (-BigInt(f.liquidityDelta as string)).toString() : f.liquidityDelta;
      expect(p).toEqual({
        id: f.id,
        tokenId: f.tokenId,
        pool: 'unknown',
        blockNumber: f.blockNumber,
        txHash: f.txHash,
        logIndex: f.logIndex,
        timestamp: p?.timestamp, // checked below against the chain
        eventType,
        sender: null,
        owner: null,
        recipient: f.recipient,
        tickLower: null,
        tickUpper: null,
        tick: null,
        liquidityDelta,
        amount0: f.amount0,
        amount1: f.amount1,
        sqrtPriceX96: null,
        price1Per0: null,
        usdValue: null,
        metadata: null,
      });
    }
    // DECREASE deltas are positive, the negation of the full shape's.
    const { rows: signs } = await production.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM "PositionEvent" WHERE "eventType" = 'DECREASE' AND "liquidityDelta" LIKE '-%'`,
    );
    expect(Number(signs[0].n)).toBe(0);
  });

  it("stamps position rows and transfers with the timestamp of their stamp window's middle block, read from the chain", async () => {
    const anchor = Number(manifest.blocks.first);
    const fullTimes = new Map(
      (await all(full, `SELECT id, timestamp FROM "PositionEvent" UNION ALL SELECT id, timestamp FROM "PositionTransfer"`)).map((r) => [
        r.id as string,
        r.timestamp as number,
      ]),
    );
    let shifted = 0;
    for (const table of ['PositionEvent', 'PositionTransfer']) {
      const rows = await all(production, `SELECT id, "blockNumber", timestamp FROM "${table}"`);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect({ id: row.id, timestamp: row.timestamp }).toEqual({ id: row.id, timestamp: await expectedStamp(row.blockNumber as number, anchor) });
        // The full shape has the block's own time.
        expect(fullTimes.get(row.id as string)).toBe(await blockTime(row.blockNumber as number));
        if (row.timestamp !== fullTimes.get(row.id as string)) shifted++;
      }
    }
    expect(shifted).toBeGreaterThan(0);
  });

  it('writes every transfer, with no metadata and the manager in "nfpmAddress"', async () => {
    const fullRows = await all(full, `SELECT * FROM "PositionTransfer" ORDER BY id`);
    const prodRows = byId(await all(production, `SELECT * FROM "PositionTransfer"`));
    expect(prodRows.size).toBe(fullRows.length);
    for (const f of fullRows) expect(prodRows.get(f.id as string)).toEqual({ ...f, timestamp: prodRows.get(f.id as string)?.timestamp, metadata: null });
  });

  it('writes PoolCreated rows of the factories and the Swap, Mint, Burn, Collect rows of the full shape; no Initialize or Flash', async () => {
    const created = await all(production, `SELECT * FROM "PoolEvent" WHERE "eventName" = 'PoolCreated' ORDER BY "blockNumber", "logIndex"`);
    expect(created).toHaveLength(manifest.pools.length);
    const factories = new Set(manifest.dexes.map((d) => d.factory.toLowerCase()));
    for (const row of created) {
      expect(factories.has(row.pool as string)).toBe(true);
      expect(row.timestamp).toBe(await blockTime(row.blockNumber as number));
      for (const column of ['sender', 'owner', 'recipient', 'tickLower', 'tickUpper', 'amount', 'amount0', 'amount1', 'sqrtPriceX96', 'liquidity', 'tick'])
        expect(row[column]).toBeNull();
    }
    const poolCreatedBlocks = manifest.pools.map((p) => Number(p.createdBlock)).sort((a, b) => a - b);
    expect(created.map((r) => r.blockNumber)).toEqual(poolCreatedBlocks);

    const { rows: names } = await production.pool.query<{ eventName: string }>(`SELECT DISTINCT "eventName" FROM "PoolEvent" ORDER BY 1`);
    expect(names.map((n) => n.eventName)).toEqual(['Burn', 'Collect', 'Mint', 'PoolCreated', 'Swap']);
    const { rows: fullNames } = await full.pool.query<{ eventName: string }>(
      `SELECT DISTINCT "eventName" FROM "PoolEvent" WHERE "eventName" IN ('Initialize', 'Flash')`,
    );
    expect(fullNames.length).toBeGreaterThan(0); // the full shape has them: the production shape left them out

    const fullRows = await all(full, `SELECT * FROM "PoolEvent" WHERE "eventName" IN ('Swap', 'Mint', 'Burn', 'Collect') ORDER BY id`);
    const prodRows = await all(production, `SELECT * FROM "PoolEvent" WHERE "eventName" <> 'PoolCreated' ORDER BY id`);
    expect(prodRows).toEqual(fullRows);
  });

  it('writes the same "Pool" rows as the full shape', async () => {
    expect((await checksums(production)).Pool).toBe((await checksums(full)).Pool);
  });

  it('gives identical tables with scan windows of 7 and 5000 blocks (stamps do not follow the scan window)', async () => {
    const db = await newDatabase();
    const results = await indexInto(db, { shape: 'production', stampWindow: STAMP, window: 7 });
    expect(results.reduce((n, r) => n + r.windows, 0)).toBeGreaterThan(2);
    expect(await checksums(db)).toEqual(await checksums(production));
  });

  it('cuts history at a fixed block: positions whose first row is a DECREASE or COLLECT, pools whose first row is a Swap, "Pool" complete', async () => {
    // The cut: the block of a DECREASE or COLLECT whose position had an earlier row in an earlier block, nearest the middle.
    const mid = Math.floor((Number(manifest.blocks.activityFrom) + manifestLastBlock(manifest)) / 2);
    const { rows: candidates } = await full.pool.query<{ blockNumber: number }>(
      `SELECT "blockNumber" FROM (
         SELECT "blockNumber", "eventType",
                lag("blockNumber") OVER (PARTITION BY metadata->>'positionManager', "tokenId" ORDER BY "blockNumber", "logIndex") AS previous
           FROM "PositionEvent") e
        WHERE "eventType" IN ('DECREASE', 'COLLECT') AND previous < "blockNumber"
        ORDER BY abs("blockNumber" - $1), "blockNumber" LIMIT 1`,
      [mid],
    );
    expect(candidates).toHaveLength(1);
    const cut = candidates[0].blockNumber;

    const db = await newDatabase();
    const dexes: DexSource[] = manifestDexSources(manifest).map((d) => ({ ...d, fromBlock: cut, poolsFromBlock: d.fromBlock }));
    const results = await indexInto(db, { shape: 'production', stampWindow: STAMP, dexes });
    expect(results.every((r) => r.skipped === 0 && r.fromBlock === cut)).toBe(true);

    // "Pool" is complete although every pool was created before the cut; no PoolCreated rows (before the history).
    expect((await checksums(db)).Pool).toBe((await checksums(full)).Pool);
    expect(manifest.pools.every((p) => Number(p.createdBlock) < cut)).toBe(true);
    for (const table of ['PositionEvent', 'PositionTransfer', 'PoolEvent']) {
      const { rows } = await db.pool.query<{ first: number | null }>(`SELECT min("blockNumber") AS first FROM "${table}"`);
      expect(rows[0].first).toBeGreaterThanOrEqual(cut);
    }
    const { rows: createdRows } = await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "PoolEvent" WHERE "eventName" = 'PoolCreated'`);
    expect(Number(createdRows[0].n)).toBe(0);

    // The rows after the cut are the uncut production rows (stamps aside: their windows now start at the cut).
    const strip = (rows: Row[]) => rows.map(({ timestamp: _t, ...rest }) => rest);
    for (const table of ['PositionEvent', 'PositionTransfer', 'PoolEvent']) {
      expect(strip(await all(db, `SELECT * FROM "${table}" ORDER BY id`))).toEqual(
        strip(await all(production, `SELECT * FROM "${table}" WHERE "blockNumber" >= $1 ORDER BY id`, [cut])),
      );
    }
    for (const row of await all(db, `SELECT "blockNumber", timestamp FROM "PositionEvent"`))
      expect(row.timestamp).toBe(await expectedStamp(row.blockNumber as number, cut));

    // A position's first row is a DECREASE or COLLECT; the position (manager) comes from the full shape's metadata, by id.
    const managerOf = new Map(
      (await all(full, `SELECT id, metadata->>'positionManager' AS manager FROM "PositionEvent"`)).map((r) => [r.id as string, r.manager as string]),
    );
    const firstOf = new Map<string, string>();
    for (const row of await all(db, `SELECT id, "tokenId", "eventType" FROM "PositionEvent" ORDER BY "blockNumber", "logIndex"`)) {
      const key = `${managerOf.get(row.id as string)}:${row.tokenId}`;
      if (!firstOf.has(key)) firstOf.set(key, row.eventType as string);
    }
    expect([...firstOf.values()].filter((t) => t === 'DECREASE' || t === 'COLLECT').length).toBeGreaterThan(0);
    // A pool's first row can be a Swap.
    const { rows: poolFirst } = await db.pool.query<{ eventName: string }>(
      `SELECT DISTINCT ON (pool) "eventName" FROM "PoolEvent" ORDER BY pool, "blockNumber", "logIndex"`,
    );
    expect(poolFirst.some((r) => r.eventName === 'Swap')).toBe(true);
  });

  it("imports incentive programmes as production's rolling snapshots: a row a day per pool and token, overlapping", async () => {
    const inputs = manifestRewardInputs(manifest);
    const runs = dailyRunTimes(manifest.timestamps.first, manifest.timestamps.last);
    expect(inputs.incentiveRunTimes).toEqual(runs);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const first = await importRewardInputs(production.pool, inputs, new Date(), { shape: 'production' });
    expect(first.rejected).toEqual([]);

    // Expected independently: per run, the programmes paying then (start ≤ run < end).
    const expected: string[] = [];
    for (const run of runs) {
      for (const p of manifest.incentives) {
        if (Date.parse(p.startDate) <= run.getTime() && (p.endDate === null || run.getTime() < Date.parse(p.endDate))) {
          expected.push(`${p.poolAddress.toLowerCase()}|${new Date(run.getTime() - 7 * 86_400_000).toISOString()}|${p.rewardPerDay}|${p.rewardUsdPerDay}`);
        }
      }
    }
    const rows = await all(
      production,
      `SELECT "poolAddress", to_char("startDate", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS start, "rewardPerDay"::text AS "perDay", "rewardUsdPerDay"::text AS usd,
              "endDate", "isActive", "programName" FROM "PoolIncentive"`,
    );
    expect(rows.map((r) => `${r.poolAddress}|${r.start}|${r.perDay}|${r.usd}`).sort()).toEqual(expected.sort());
    expect(first.incentives).toEqual({ rows: expected.length, changed: expected.length });
    for (const row of rows) expect(row).toMatchObject({ endDate: null, isActive: true, programName: null });

    // One programme, several rows: open-ended intervals starting a day apart, all overlapping.
    const { rows: perPool } = await production.pool.query<{ n: string; span: string }>(
      `SELECT count(*) AS n, extract(epoch FROM max("startDate") - min("startDate"))::text AS span FROM "PoolIncentive" GROUP BY "poolAddress", "rewardToken" ORDER BY 1 DESC LIMIT 1`,
    );
    expect(Number(perPool[0].n)).toBeGreaterThanOrEqual(2);
    expect(Number(perPool[0].span)).toBe((Number(perPool[0].n) - 1) * 86_400);

    const again = await importRewardInputs(production.pool, inputs, new Date(), { shape: 'production' });
    expect(again.incentives.changed).toBe(0);
  });

  it('injects every quirk, deterministically, only when asked', async () => {
    const db = await newDatabase();
    const quirks = { rates: uniformQuirkRates(0.2), indexedAt: INDEXED_AT };
    await indexInto(db, { shape: 'production', stampWindow: STAMP, quirks });
    const count = async (sql: string) => Number((await db.pool.query<{ n: string }>(sql)).rows[0].n);
    const found: Record<string, number> = {
      'checksummed-pool': await count(`SELECT count(*) AS n FROM "PositionEvent" WHERE pool <> 'unknown' AND pool <> lower(pool)`),
      'collect-zero-delta': await count(`SELECT count(*) AS n FROM "PositionEvent" WHERE "eventType" = 'COLLECT' AND "liquidityDelta" = '0'`),
      'usd-value-zero': await count(`SELECT count(*) AS n FROM "PositionEvent" WHERE "usdValue" = 0`),
      'duplicate-log-index-0':
        (await count(`SELECT count(*) AS n FROM "PositionEvent" WHERE "logIndex" = 0`)) -
        (await production.pool.query(`SELECT 1 FROM "PositionEvent" WHERE "logIndex" = 0`)).rowCount!,
      'unknown-event': await count(`SELECT count(*) AS n FROM "PoolEvent" WHERE "eventName" = 'Unknown'`),
      'indexed-at-timestamp': await count(`SELECT count(*) AS n FROM "PoolEvent" WHERE timestamp = ${INDEXED_AT}`),
      'pool-null-metadata': await count(`SELECT count(*) AS n FROM "Pool" WHERE "token0Symbol" IS NULL AND "token1Name" IS NULL AND "token0Decimals" IS NULL`),
    };
    for (const quirk of QUIRKS) expect({ quirk, found: found[quirk] > 0 }).toEqual({ quirk, found: true });
    // A duplicate is a copy of a real row of its transaction.
    const { rows: orphans } = await db.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM "PositionEvent" d WHERE d."logIndex" = 0
          AND NOT EXISTS (SELECT 1 FROM "PositionEvent" o WHERE o."txHash" = d."txHash" AND o."logIndex" <> 0 AND o."tokenId" = d."tokenId" AND o.amount0 IS NOT DISTINCT FROM d.amount0)`,
    );
    expect(Number(orphans[0].n)).toBe(0);
    // Deterministic: a second database indexed in windows of 7 is identical.
    const again = await newDatabase();
    await indexInto(again, { shape: 'production', stampWindow: STAMP, quirks, window: 7 });
    expect(await checksums(again)).toEqual(await checksums(db));
    // Without --quirks, none of it (the uncut production database).
    expect(await count(`SELECT count(*) AS n FROM "Pool" WHERE "token0Symbol" IS NULL`)).toBeGreaterThan(0);
    const { rows: clean } = await production.pool.query<{ n: string }>(
      `SELECT (SELECT count(*) FROM "PositionEvent" WHERE pool <> 'unknown' OR "usdValue" IS NOT NULL OR ("eventType" = 'COLLECT' AND "liquidityDelta" IS NOT NULL))
            + (SELECT count(*) FROM "PoolEvent" WHERE "eventName" = 'Unknown') + (SELECT count(*) FROM "Pool" WHERE "token0Symbol" IS NULL) AS n`,
    );
    expect(Number(clean[0].n)).toBe(0);
  });
});
