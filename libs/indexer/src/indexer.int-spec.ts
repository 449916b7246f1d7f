/**
 * The indexer against a real local chain (Anvil running the Uniswap V3 contracts, two DEXes,
 * a small seeded scenario) and a real PostgreSQL. The oracle is the chain itself: every log
 * of the managers, factories and pools is fetched here in one request each and decoded
 * independently of the indexer's scanning code.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { numberToHex, parseEventLogs, toEventSelector, type AbiEvent, type Address, type Hex, type Log } from 'viem';
import { createChainClient, nonfungiblePositionManagerEvents, uniswapV3FactoryEvents, uniswapV3PoolEvents, type ChainClient } from '@lib/chain';
import { createTestDatabase, type TestDatabase } from '@lib/db';
import { freePort, runScenario, startAnvil, type RunningAnvil, type ScenarioManifest } from '@lib/local-chain';
import type { ChainManifest } from './chain-manifest';
import { manifestDexSources, manifestLastBlock } from './chain-manifest';
import { dexCheckpointName, readCheckpoint } from './checkpoint';
import { createChainReaders, indexChain, type IndexChainOptions } from './index-chain';
import type { DexIndexResult } from './index-dex';
import { importRewardInputs } from './reward-inputs/import-reward-inputs';
import { manifestRewardInputs } from './reward-inputs/manifest-reward-inputs';

const ZERO = '0x0000000000000000000000000000000000000000';
/** Small but complete: both DEXes, every event type, mints and burns in one block, ~200 blocks. */
const SCENARIO = { positions: 30, swaps: 160, days: 2, seed: 11, perBlock: 2 };

// The drift check: the scenario's manifest must still be readable as the indexer's manifest.
const asIndexerManifest = (manifest: ScenarioManifest): ChainManifest => manifest;

interface RpcLog {
  address: Address;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex;
  transactionHash: Hex;
  logIndex: Hex;
}

type Decoded = { eventName: string; args: Record<string, unknown>; address: Address; blockNumber: bigint; transactionHash: Hex; logIndex: number };

/** The chain's logs of some events, fetched and decoded without the indexer's code. */
async function oracleLogs(
  client: ChainClient,
  address: Address[],
  events: readonly AbiEvent[],
  from: number,
  to: number,
): Promise<{ raw: number; logs: Decoded[] }> {
  const selectors = new Set(events.map((e) => toEventSelector(e)));
  const raw = (await client.request({
    method: 'eth_getLogs',
    params: [{ address, fromBlock: numberToHex(from), toBlock: numberToHex(to) }],
  })) as unknown as RpcLog[];
  const ours = raw.filter((log) => selectors.has(log.topics[0]));
  const logs = parseEventLogs({
    abi: events,
    logs: ours.map((l) => ({
      ...l,
      blockNumber: BigInt(l.blockNumber),
      logIndex: Number(l.logIndex),
      blockHash: null,
      transactionIndex: null,
      removed: false,
    })) as unknown as Log[],
  }) as unknown as Decoded[];
  return { raw: ours.length, logs };
}

const id = (log: Decoded) => `${log.transactionHash.toLowerCase()}:${log.logIndex}`;
const lower = (value: unknown) => String(value).toLowerCase();

describe('indexer on a local chain', () => {
  let anvil: RunningAnvil | undefined;
  let manifest: ScenarioManifest;
  let client: ChainClient;
  let workDir: string;
  let manifestPath: string;
  const databases: TestDatabase[] = [];
  let reference: TestDatabase;
  let referenceResults: DexIndexResult[];
  let referenceSeconds: number;

  async function newDatabase(): Promise<TestDatabase> {
    const db = await createTestDatabase();
    databases.push(db);
    return db;
  }

  function indexInto(db: TestDatabase, window: number, extra: Partial<IndexChainOptions> = {}): Promise<DexIndexResult[]> {
    return indexChain({
      readers: createChainReaders(client),
      db: db.pool,
      dexes: manifestDexSources(manifest),
      toBlock: manifestLastBlock(manifest),
      window,
      ...extra,
    });
  }

  /** One md5 per table over all its rows in key order ("Pool" without its wall-clock timestamps). */
  async function checksums(db: TestDatabase): Promise<Record<string, string>> {
    const q = async (sql: string) => (await db.pool.query<{ md5: string }>(sql)).rows[0].md5;
    return {
      PositionEvent: await q(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY id), '')) FROM "PositionEvent" t`),
      PositionTransfer: await q(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY id), '')) FROM "PositionTransfer" t`),
      PoolEvent: await q(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY id), '')) FROM "PoolEvent" t`),
      Pool: await q(`SELECT md5(coalesce(string_agg((to_jsonb(t) - 'createdAt' - 'updatedAt')::text, '|' ORDER BY address), '')) FROM "Pool" t`),
      checkpoints: await q(`SELECT md5(coalesce(string_agg(name || '=' || last_block, '|' ORDER BY name), '')) FROM indexer_checkpoint`),
    };
  }

  async function rowCount(db: TestDatabase, table: string): Promise<number> {
    return Number((await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
  }

  beforeAll(async () => {
    anvil = await startAnvil({ port: await freePort() });
    manifest = await runScenario({ rpcUrl: anvil.url, ...SCENARIO });
    client = createChainClient(anvil.url);
    workDir = mkdtempSync(join(tmpdir(), 'indexer-int-'));
    manifestPath = join(workDir, 'manifest.json');
    writeFileSync(manifestPath, JSON.stringify(manifest));

    reference = await newDatabase();
    const started = performance.now();
    referenceResults = await indexInto(reference, 5000);
    referenceSeconds = (performance.now() - started) / 1000;
  }, 600_000);

  afterAll(async () => {
    for (const db of databases) await db.drop().catch(() => undefined);
    await anvil?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('reads the scenario manifest as its own manifest type', () => {
    expect(asIndexerManifest(manifest).dexes.map((d) => d.id)).toEqual(['enosys', 'sparkdex']);
  });

  it('writes one row per chain log of every event type, and skips nothing', async () => {
    const from = Number(manifest.blocks.first);
    const to = manifestLastBlock(manifest);
    expect(referenceResults.every((r) => r.skipped === 0 && !r.stopped && r.lastBlock === to)).toBe(true);

    const managers = manifest.dexes.map((d) => d.positionManager);
    const factories = manifest.dexes.map((d) => d.factory);
    const manager = await oracleLogs(client, managers, nonfungiblePositionManagerEvents, from, to);
    const created = await oracleLogs(client, factories, uniswapV3FactoryEvents, from, to);
    const pools = created.logs.map((l) => l.args.pool as Address);
    const pool = await oracleLogs(client, pools, uniswapV3PoolEvents, from, to);
    expect(manager.logs).toHaveLength(manager.raw);
    expect(pool.logs).toHaveLength(pool.raw);

    const count = (logs: Decoded[], name: string, where: (l: Decoded) => boolean = () => true) => logs.filter((l) => l.eventName === name && where(l)).length;
    const mints = count(manager.logs, 'Transfer', (l) => lower(l.args.from) === ZERO);
    const expected: Record<string, number> = {
      MINT: mints,
      INCREASE: count(manager.logs, 'IncreaseLiquidity') - mints,
      DECREASE: count(manager.logs, 'DecreaseLiquidity'),
      COLLECT: count(manager.logs, 'Collect'),
      BURN: count(manager.logs, 'Transfer', (l) => lower(l.args.to) === ZERO),
    };
    const { rows: byType } = await reference.pool.query<{ eventType: string; n: string }>(`SELECT "eventType", count(*) AS n FROM "PositionEvent" GROUP BY 1`);
    expect(Object.fromEntries(byType.map((r) => [r.eventType, Number(r.n)]))).toEqual(expected);
    // The scenario exercises every kind.
    for (const n of Object.values(expected)) expect(n).toBeGreaterThan(0);
    expect(expected.MINT).toBe(manifest.tokenIds.enosys.length + manifest.tokenIds.sparkdex.length);
    expect(expected.BURN).toBe(manifest.positions.filter((p) => p.burnedBlock !== null).length);

    expect(await rowCount(reference, 'PositionTransfer')).toBe(count(manager.logs, 'Transfer'));
    expect(await rowCount(reference, 'Pool')).toBe(manifest.pools.length);
    const { rows: byName } = await reference.pool.query<{ eventName: string; n: string }>(`SELECT "eventName", count(*) AS n FROM "PoolEvent" GROUP BY 1`);
    const poolExpected: Record<string, number> = {};
    for (const log of pool.logs) poolExpected[log.eventName] = (poolExpected[log.eventName] ?? 0) + 1;
    expect(Object.fromEntries(byName.map((r) => [r.eventName, Number(r.n)]))).toEqual(poolExpected);
    for (const name of ['Initialize', 'Mint', 'Burn', 'Swap', 'Collect']) expect(poolExpected[name]).toBeGreaterThan(0);
  });

  it('gives every row the fields of its decoded log', async () => {
    const from = Number(manifest.blocks.first);
    const to = manifestLastBlock(manifest);
    const dexOf = new Map(manifest.dexes.map((d) => [d.positionManager.toLowerCase(), d.id]));
    const manager = await oracleLogs(
      client,
      manifest.dexes.map((d) => d.positionManager),
      nonfungiblePositionManagerEvents,
      from,
      to,
    );
    const created = await oracleLogs(
      client,
      manifest.dexes.map((d) => d.factory),
      uniswapV3FactoryEvents,
      from,
      to,
    );
    const pool = await oracleLogs(
      client,
      created.logs.map((l) => l.args.pool as Address),
      uniswapV3PoolEvents,
      from,
      to,
    );

    const blocks = [...new Set([...manager.logs, ...pool.logs].map((l) => l.blockNumber))];
    const timestamps = new Map<bigint, number>();
    for (const block of blocks) timestamps.set(block, Number((await client.getBlock({ blockNumber: block })).timestamp));

    const positionRows = new Map((await reference.pool.query(`SELECT * FROM "PositionEvent"`)).rows.map((r) => [r.id as string, r]));
    const transferRows = new Map((await reference.pool.query(`SELECT * FROM "PositionTransfer"`)).rows.map((r) => [r.id as string, r]));
    const poolEventRows = new Map((await reference.pool.query(`SELECT * FROM "PoolEvent"`)).rows.map((r) => [r.id as string, r]));

    const mintTo = new Map<string, string>(); // tx|manager|tokenId → recipient of the mint Transfer
    for (const log of manager.logs) {
      if (log.eventName === 'Transfer' && lower(log.args.from) === ZERO)
        mintTo.set(`${log.transactionHash}|${lower(log.address)}|${log.args.tokenId}`, lower(log.args.to));
    }
    const increasedInTx = new Set<string>();
    for (const log of manager.logs) {
      const where = {
        id: id(log),
        blockNumber: Number(log.blockNumber),
        txHash: log.transactionHash.toLowerCase(),
        logIndex: log.logIndex,
        timestamp: timestamps.get(log.blockNumber),
      };
      const metadata = { positionManager: lower(log.address), dex: dexOf.get(lower(log.address)) };
      const row = positionRows.get(id(log));
      const a = log.args;
      if (log.eventName === 'Transfer') {
        expect(transferRows.get(id(log))).toEqual({
          ...where,
          tokenId: String(a.tokenId),
          from: lower(a.from),
          to: lower(a.to),
          metadata,
          nfpmAddress: lower(log.address),
        });
        if (lower(a.to) === ZERO)
          expect(row).toMatchObject({ ...where, eventType: 'BURN', owner: lower(a.from), tokenId: String(a.tokenId), metadata, pool: 'unknown' });
        else expect(row).toBeUndefined();
        continue;
      }
      expect(row).toMatchObject({
        ...where,
        tokenId: String(a.tokenId),
        amount0: String(a.amount0),
        amount1: String(a.amount1),
        metadata,
        pool: 'unknown',
        tick: null,
        tickLower: null,
        tickUpper: null,
        sqrtPriceX96: null,
        usdValue: null,
      });
      if (log.eventName === 'IncreaseLiquidity') {
        const key = `${log.transactionHash}|${lower(log.address)}|${a.tokenId}`;
        const isMint = mintTo.has(key) && !increasedInTx.has(key);
        increasedInTx.add(key);
        expect(row).toMatchObject({ eventType: isMint ? 'MINT' : 'INCREASE', liquidityDelta: String(a.liquidity), owner: isMint ? mintTo.get(key) : null });
      } else if (log.eventName === 'DecreaseLiquidity') {
        expect(row).toMatchObject({ eventType: 'DECREASE', liquidityDelta: `-${a.liquidity}` });
      } else {
        expect(row).toMatchObject({ eventType: 'COLLECT', recipient: lower(a.recipient), liquidityDelta: null });
      }
    }

    const str = (v: unknown) => (v === undefined ? null : typeof v === 'bigint' ? v.toString() : typeof v === 'string' ? v.toLowerCase() : v);
    for (const log of pool.logs) {
      const a = log.args;
      expect(poolEventRows.get(id(log))).toEqual({
        id: id(log),
        pool: lower(log.address),
        blockNumber: Number(log.blockNumber),
        txHash: log.transactionHash.toLowerCase(),
        logIndex: log.logIndex,
        timestamp: timestamps.get(log.blockNumber),
        eventName: log.eventName,
        sender: str(a.sender),
        owner: str(a.owner),
        recipient: str(a.recipient),
        tickLower: str(a.tickLower),
        tickUpper: str(a.tickUpper),
        amount: str(a.amount),
        amount0: str(a.amount0),
        amount1: str(a.amount1),
        sqrtPriceX96: str(a.sqrtPriceX96),
        liquidity: str(a.liquidity),
        tick: str(a.tick),
      });
    }
    // Swaps move tokens both ways: signed amounts of both signs are stored.
    const { rows: signs } = await reference.pool.query<{ negative: boolean; n: string }>(
      `SELECT amount0 LIKE '-%' AS negative, count(*) AS n FROM "PoolEvent" WHERE "eventName" = 'Swap' GROUP BY 1`,
    );
    expect(signs).toHaveLength(2);
  });

  it('writes "Pool" rows with the tokens\' metadata from chain', async () => {
    const { rows } = await reference.pool.query(`SELECT * FROM "Pool" ORDER BY address`);
    const tokens = new Map(manifest.tokens.map((t) => [t.address.toLowerCase(), t]));
    const expected = manifest.pools
      .map((p) => {
        const t0 = tokens.get(p.token0.toLowerCase())!;
        const t1 = tokens.get(p.token1.toLowerCase())!;
        return {
          address: p.address.toLowerCase(),
          token0: t0.address.toLowerCase(),
          token1: t1.address.toLowerCase(),
          fee: p.fee,
          token0Symbol: t0.symbol,
          token1Symbol: t1.symbol,
          token0Name: t0.name,
          token1Name: t1.name,
          token0Decimals: t0.decimals,
          token1Decimals: t1.decimals,
          factory: p.factory.toLowerCase(),
          blockNumber: Number(p.createdBlock),
        };
      })
      .sort((x, y) => x.address.localeCompare(y.address));
    expect(rows.map(({ txHash: _t, createdAt: _c, updatedAt: _u, ...rest }) => rest)).toEqual(expected);
  });

  it("keeps the same token id on the two DEXes apart, matching the scenario's positions", async () => {
    const managerOf = new Map(manifest.dexes.map((d) => [d.id, d.positionManager.toLowerCase()]));
    const { rows: mints } = await reference.pool.query<{ tokenId: string; manager: string; blockNumber: number }>(
      `SELECT "tokenId", metadata->>'positionManager' AS manager, "blockNumber" FROM "PositionEvent" WHERE "eventType" = 'MINT'`,
    );
    const mintOf = new Map(mints.map((m) => [`${m.manager}:${m.tokenId}`, m]));
    expect(mintOf.size).toBe(mints.length); // one MINT per (manager, token id)
    for (const position of manifest.positions) {
      expect(mintOf.get(`${managerOf.get(position.dex)}:${position.tokenId}`)?.blockNumber).toBe(Number(position.mintedBlock));
    }
    const { rows: shared } = await reference.pool.query<{ tokenId: string; managers: string[] }>(
      `SELECT "tokenId", array_agg(DISTINCT metadata->>'positionManager' ORDER BY metadata->>'positionManager') AS managers
         FROM "PositionEvent" GROUP BY "tokenId" HAVING count(DISTINCT metadata->>'positionManager') = 2`,
    );
    expect(shared.length).toBeGreaterThan(0);
    for (const row of shared) expect(row.managers).toEqual([...managerOf.values()].sort());
    const { rows: transfers } = await reference.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM "PositionTransfer" WHERE "nfpmAddress" IS DISTINCT FROM metadata->>'positionManager'`,
    );
    expect(Number(transfers[0].n)).toBe(0);
  });

  it('gives identical tables with windows of 1, 7 and 5000 blocks', async () => {
    const expected = await checksums(reference);
    for (const window of [1, 7]) {
      const db = await newDatabase();
      const results = await indexInto(db, window);
      expect(results.reduce((n, r) => n + r.windows, 0)).toBeGreaterThan(1);
      expect(await checksums(db)).toEqual(expected);
    }
  });

  it('changes nothing when indexing the same blocks again', async () => {
    const before = await checksums(reference);
    const again = await indexInto(reference, 13, { reset: true });
    for (const r of again) expect(r.changed).toEqual({ Pool: 0, PositionEvent: 0, PositionTransfer: 0, PoolEvent: 0 });
    expect(await checksums(reference)).toEqual(before);
  });

  it('resumes after being stopped mid-way and ends with the rows of one clean pass', async () => {
    const db = await newDatabase();
    const first = await indexInto(db, 7, { maxWindows: 9 });
    expect(first.at(-1)!.stopped).toBe(true);
    const checkpoint = await readCheckpoint(db.pool, dexCheckpointName('enosys'));
    expect(checkpoint).toBe(Number(manifest.blocks.first) + 9 * 7 - 1);
    const second = await indexInto(db, 7);
    expect(second[0].fromBlock).toBe(checkpoint! + 1);
    expect(await checksums(db)).toEqual(await checksums(reference));
  });

  it('survives SIGKILL of the CLI mid-run: a second run resumes and ends with the same rows', async () => {
    const cli = join(__dirname, '..', '..', '..', 'dist', 'tools', 'index-chain.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` (npm run test:integration does)`);
    const db = await newDatabase();
    const env = { ...process.env, DATABASE_URL: db.url };
    const first = Number(manifest.blocks.first);

    const child = spawn(process.execPath, [cli, '--manifest', manifestPath, '--window', '1', '--no-progress'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // Kill it once it has written some windows of the first DEX, but long before the end.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const checkpoint = await readCheckpoint(db.pool, dexCheckpointName('enosys')).catch(() => null);
      if (checkpoint !== null && checkpoint >= first + 20) break;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the CLI did not get going:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    await exited;
    const killedAt = await readCheckpoint(db.pool, dexCheckpointName('enosys'));
    expect(killedAt).toBeLessThan(manifestLastBlock(manifest));

    const resumed = spawn(process.execPath, [cli, '--manifest', manifestPath, '--window', '50', '--no-progress'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    resumed.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    resumed.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => resumed.once('exit', resolve));
    expect({ code, out }).toMatchObject({ code: 0 });
    expect(out).toContain(`enosys: blocks ${killedAt! + 1}..`);
    expect(await checksums(db)).toEqual(await checksums(reference));
  });

  it("imports the scenario's rFLR allocations and incentives, idempotently", async () => {
    const inputs = manifestRewardInputs(manifest);
    const first = await importRewardInputs(reference.pool, inputs);
    expect(first.rejected).toEqual([]);
    expect(first.rflr).toEqual({ rows: manifest.rewards.allocations.length, changed: manifest.rewards.allocations.length });
    expect(first.incentives).toEqual({ rows: manifest.incentives.length, changed: manifest.incentives.length });
    const again = await importRewardInputs(reference.pool, inputs);
    expect(again.rflr.changed + again.incentives.changed).toBe(0);

    const { rows } = await reference.pool.query<{ total: string; months: string[] }>(
      `SELECT sum(amount_raw)::text AS total, array_agg(DISTINCT to_char(month_start, 'YYYY-MM-DD')) AS months FROM rflr_allocation`,
    );
    expect(BigInt(rows[0].total)).toBe(manifest.rewards.allocations.reduce((n, a) => n + BigInt(a.amount), 0n));
    for (const month of rows[0].months) expect(month.endsWith('-01')).toBe(true);
    const { rows: incentives } = await reference.pool.query(
      `SELECT "poolAddress", "rewardPerDay"::text, to_char("startDate", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS start FROM "PoolIncentive"`,
    );
    // Compared as sets: the upsert writes rows in key order, so ids need not follow the manifest's order.
    const byPoolAndStart = (a: { poolAddress: string; start: string }, b: { poolAddress: string; start: string }) =>
      a.poolAddress.localeCompare(b.poolAddress) || a.start.localeCompare(b.start);
    expect(incentives.sort(byPoolAndStart)).toEqual(
      manifest.incentives.map((i) => ({ poolAddress: i.poolAddress.toLowerCase(), rewardPerDay: i.rewardPerDay, start: i.startDate })).sort(byPoolAndStart),
    );
  });

  it('reports its speed', () => {
    const logs = referenceResults.reduce((n, r) => n + r.logs, 0);
    const blocks = referenceResults.reduce((n, r) => n + r.blocks, 0);
    // Not an assertion of speed: the figure docs/indexer.md quotes, printed for the record.
    console.log(
      `[indexer figures] ${logs} logs over ${blocks} DEX-blocks in ${referenceSeconds.toFixed(2)} s (window 5000): ${(logs / referenceSeconds).toFixed(0)} events/s`,
    );
    expect(logs).toBeGreaterThan(0);
  });
});
