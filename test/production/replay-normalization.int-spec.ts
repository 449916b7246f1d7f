/**
 * The replay's normalization against the chain (issue 12 part 2): one local-chain scenario
 * (Anvil running the Uniswap V3 contracts, two DEXes) indexed in the full shape and in the
 * PRODUCTION shape into two databases; each run's prepare phase (block times from headers,
 * the run's burns) and then the replay's page reads (repository + mapper, the code the
 * producer runs) over both. The oracle is the full shape, written from every log as it is,
 * and the chain itself:
 * - the normalized position records are the same, record for record in chain order, from
 *   either shape (MINT with its owner, DECREASE signed, BURN from the transfers), apart from
 *   the DEX name the production rows cannot know;
 * - every record's timestamp is its block's timestamp as the chain reports it;
 * - the production database starts with no block_time row (production never had our indexer)
 *   and the prepare phase fills every source block from headers; the full-shape database needs
 *   none (our indexer wrote the times it read).
 */
import { createChainClient, type ChainClient } from '@lib/chain';
import { createTestDatabase, type TestDatabase } from '@lib/db';
import { freePort, runScenario, startAnvil, type RunningAnvil, type ScenarioManifest } from '@lib/local-chain';
import { blocksWithoutTime, createChainReaders, indexChain, manifestDexSources, manifestLastBlock } from '@lib/indexer';
import type { PoolEventRecord, PositionEventRecord } from '@lib/kafka';
import { prepareReplayRun, type PreparedRun } from '../../apps/admin/src/replay/replay-prepare';
import { ReplayRunRepository } from '../../apps/admin/src/replay/replay-run.repository';
import { toPoolEventRecord, toPositionEventRecord } from '../../apps/admin/src/replay/source-row.mapper';
import { SourceRowsRepository, START_CURSOR, type SourceTable } from '../../apps/admin/src/replay/source-rows.repository';

const SCENARIO = { positions: 24, swaps: 120, days: 2, seed: 23, perBlock: 2 };
/** Small pages, so the merge of burns into the position pages crosses many page boundaries. */
const PAGE = 7;

describe('replay normalization: production rows give the full shape records', () => {
  let anvil: RunningAnvil | undefined;
  let manifest: ScenarioManifest;
  let client: ChainClient;
  let full: TestDatabase;
  let production: TestDatabase;
  const prepared: Record<'full' | 'production', PreparedRun | undefined> = { full: undefined, production: undefined };
  const chainTimes = new Map<number, number>();

  async function chainTime(block: number): Promise<number> {
    if (!chainTimes.has(block)) chainTimes.set(block, Number((await client.getBlock({ blockNumber: BigInt(block) })).timestamp));
    return chainTimes.get(block)!;
  }

  async function prepare(db: TestDatabase): Promise<PreparedRun> {
    const runs = new ReplayRunRepository(db.pool);
    const run = await runs.create({ rowsTotal: 0, asOfTime: null, steps: [], startOffsets: {} });
    return prepareReplayRun(db.pool, { runs, rows: new SourceRowsRepository(db.pool) }, run, async () => client);
  }

  async function readAll<R>(db: TestDatabase, table: SourceTable, runId: string, map: (row: Record<string, unknown>) => R): Promise<R[]> {
    const repository = new SourceRowsRepository(db.pool);
    const out: R[] = [];
    let cursor = START_CURSOR;
    for (;;) {
      const rows = await repository.page(table, cursor, PAGE, runId);
      if (rows.length === 0) return out;
      out.push(...rows.map(map));
      const last = rows[rows.length - 1];
      cursor = { blockNumber: Number(last.blockNumber), logIndex: Number(last.logIndex) };
    }
  }

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    manifest = await runScenario({ rpcUrl: anvil.url, ...SCENARIO });
    client = createChainClient(anvil.url);
    full = await createTestDatabase();
    production = await createTestDatabase();
    const index = (db: TestDatabase, shape: 'full' | 'production') =>
      indexChain({
        readers: createChainReaders(client),
        db: db.pool,
        dexes: manifestDexSources(manifest),
        toBlock: manifestLastBlock(manifest),
        window: 5000,
        shape,
        stampWindow: 25,
      });
    await index(full, 'full');
    await index(production, 'production');
    // Production has no block times of ours: the prepare phase must find every one from headers.
    await production.pool.query('DELETE FROM block_time');
    prepared.full = await prepare(full);
    prepared.production = await prepare(production);
  }, 600_000);

  afterAll(async () => {
    await full?.drop().catch(() => undefined);
    await production?.drop().catch(() => undefined);
    await anvil?.stop();
  });

  it('the prepare phase fills every production source block from headers; the full shape needs none', async () => {
    const { rows } = await production.pool.query<{ n: string }>(
      `SELECT count(DISTINCT b) AS n FROM (SELECT "blockNumber" AS b FROM "PositionEvent" UNION SELECT "blockNumber" FROM "PositionTransfer" UNION SELECT "blockNumber" FROM "PoolEvent") s`,
    );
    expect(prepared.production!.blocksFilled).toBe(Number(rows[0].n));
    expect(prepared.production!.blocksFilled).toBeGreaterThan(50);
    expect(prepared.full!.blocksFilled).toBe(0);
    expect(await blocksWithoutTime(production.pool)).toEqual([]);
    const { rows: sources } = await production.pool.query<{ source: string }>('SELECT DISTINCT source FROM block_time');
    expect(sources.map((s) => s.source)).toEqual(['header']);
    // Our indexer wrote the full shape's block times itself, each the chain's.
    const { rows: indexed } = await full.pool.query<{ block_number: number; timestamp: number; source: string }>('SELECT * FROM block_time');
    expect(indexed.length).toBeGreaterThan(50);
    for (const r of indexed) expect([r.source, r.timestamp]).toEqual(['indexer', await chainTime(r.block_number)]);
    const fillRate = prepared.production!.blocksFilled / Math.max(prepared.production!.fillMs / 1000, 0.001);
    process.stdout.write(
      `block_time fill: ${prepared.production!.blocksFilled} blocks in ${prepared.production!.fillMs} ms (${fillRate.toFixed(0)} blocks/s)\n`,
    );
  });

  it('a run whose missing block headers cannot be read fails naming how many blocks lack a time', async () => {
    await production.pool.query('DELETE FROM block_time WHERE block_number IN (SELECT block_number FROM block_time ORDER BY block_number LIMIT 3)');
    const runs = new ReplayRunRepository(production.pool);
    const run = prepared.production!.run; // a resumed run prepares again (a new one would drop this run's burns)
    const broken = { getBlock: async () => Promise.reject(new Error('header not found')) } as unknown as ChainClient;
    await expect(prepareReplayRun(production.pool, { runs, rows: new SourceRowsRepository(production.pool) }, run, async () => broken)).rejects.toThrow(
      /^3 of 3 source blocks have no block time and their headers could not be read: header not found$/,
    );
    const unreachable = prepareReplayRun(production.pool, { runs, rows: new SourceRowsRepository(production.pool) }, run, async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:1');
    });
    await expect(unreachable).rejects.toThrow(/^3 of 3 source blocks have no block time .*ECONNREFUSED/);
    // The real chain fills them again; the other tests read the same database.
    expect((await prepareReplayRun(production.pool, { runs, rows: new SourceRowsRepository(production.pool) }, run, async () => client)).blocksFilled).toBe(3);
  });

  it('normalized position records are the same from either shape, in chain order, at the chain block times', async () => {
    const fromFull = await readAll(full, '"PositionEvent"', prepared.full!.run.id, toPositionEventRecord);
    const fromProduction = await readAll(production, '"PositionEvent"', prepared.production!.run.id, toPositionEventRecord);
    // The scenario has every lifecycle event, each through both shapes.
    const types = new Set(fromFull.map((r) => r.eventType));
    expect([...types].sort()).toEqual(['BURN', 'COLLECT', 'DECREASE', 'INCREASE', 'MINT']);
    expect(manifest.positions.filter((p) => p.burnedBlock !== null).length).toBe(fromFull.filter((r) => r.eventType === 'BURN').length);
    expect(prepared.production!.burns).toBe(fromFull.filter((r) => r.eventType === 'BURN').length);
    expect(prepared.full!.burns).toBe(0);

    // The manager is in the full shape's metadata; production rows know it for MINT and BURN only (their transfer's "nfpmAddress").
    const manager = (r: PositionEventRecord) => (r.metadata === null ? null : (JSON.parse(r.metadata) as { positionManager?: string }).positionManager);
    const withoutMetadata = (r: PositionEventRecord) => ({ ...r, metadata: undefined });
    expect(fromProduction.map(withoutMetadata)).toEqual(fromFull.map(withoutMetadata));
    fromProduction.forEach((p, i) => {
      if (p.eventType === 'MINT' || p.eventType === 'BURN') expect(manager(p)).toBe(manager(fromFull[i]));
      else expect(p.metadata).toBeNull();
    });

    // Chain order, and the chain's own block timestamps.
    for (let i = 1; i < fromProduction.length; i++) {
      const [a, b] = [fromProduction[i - 1], fromProduction[i]];
      expect(a.blockNumber < b.blockNumber || (a.blockNumber === b.blockNumber && a.logIndex < b.logIndex)).toBe(true);
    }
    for (const r of fromProduction) expect(r.timestamp).toBe(await chainTime(r.blockNumber));
    // The production rows' own timestamps are stamp-window middles: normalization did change them.
    const { rows: stamped } = await production.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM "PositionEvent" e JOIN block_time bt ON bt.block_number = e."blockNumber" WHERE e.timestamp <> bt.timestamp`,
    );
    expect(Number(stamped[0].n)).toBeGreaterThan(0);
  });

  it('pool records carry their block time; the run as-of time is the newest source block time', async () => {
    const records: PoolEventRecord[] = await readAll(production, '"PoolEvent"', prepared.production!.run.id, toPoolEventRecord);
    expect(records.length).toBeGreaterThan(100);
    for (const r of records) expect(r.timestamp).toBe(await chainTime(r.blockNumber));
    const { rows } = await production.pool.query<{ b: number }>(
      `SELECT max(b) AS b FROM (SELECT max("blockNumber") AS b FROM "PositionEvent" UNION ALL SELECT max("blockNumber") FROM "PoolEvent" UNION ALL SELECT max("blockNumber") FROM "PositionTransfer" WHERE "to" = '0x0000000000000000000000000000000000000000') s`,
    );
    expect(prepared.production!.run.asOfTime).toBe(await chainTime(Number(rows[0].b)));
    expect(prepared.full!.run.asOfTime).toBe(prepared.production!.run.asOfTime);
    const stored = await new ReplayRunRepository(production.pool).get(prepared.production!.run.id);
    expect(stored).toMatchObject({ asOfTime: prepared.production!.run.asOfTime, rowsTotal: prepared.production!.run.rowsTotal });
  });
});
