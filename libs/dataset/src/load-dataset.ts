import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { applyMigrations, createDatabaseIfMissing, createPool, quoteIdent } from '@lib/db';
import { blocksWithoutTime, writeBlockTimes } from '@lib/indexer';
import { blockTimestamp } from './chain-clock';
import type { TableFile } from './copy-file-sink';
import { ensureDataset, type DatasetManifest, type EnsureDatasetOptions } from './dataset-cache';
import { datasetOptions, type DatasetOptions } from './dataset-options';
import { datasetTable, type DatasetTableName } from './dataset-tables';

export interface LoadScaleDatasetOptions extends Partial<DatasetOptions>, EnsureDatasetOptions {
  /** The database to fill: created and migrated if needed; its dataset tables must be empty. */
  databaseUrl: string;
  /**
   * Fill `position_registry` too (default true): every position is then known, so step 1
   * (pool attribution) reads no chain — the dataset has none behind it.
   */
  withRegistry?: boolean;
  log?: (line: string) => void;
}

export interface LoadedScaleDataset {
  name: string;
  dir: string;
  /** Rows loaded per table. */
  counts: Partial<Record<DatasetTableName, number>>;
  checksum: string;
  /** True when the cached dataset was loaded without generating it. */
  cached: boolean;
  /** Generation (or cache look-up) plus load. */
  seconds: number;
  generationSeconds: number;
  loadSeconds: number;
  /** Environment for the step services (stablecoin, wrapped native token, managers). */
  serviceEnv: Record<string, string>;
  manifest: DatasetManifest;
}

/**
 * The scale dataset of these options in `databaseUrl`: from the cache, or generated into it
 * first; loaded with COPY (the two big tables side by side), each file's SHA-256 checked
 * against the manifest as it streams, then ANALYZEd so the steps' queries get real plans.
 */
export async function loadScaleDataset(o: LoadScaleDatasetOptions): Promise<LoadedScaleDataset> {
  const started = process.hrtime.bigint();
  const log = o.log ?? (() => undefined);
  const options = datasetOptions(o);
  const ensured = ensureDataset(options, { cacheDir: o.cacheDir, force: o.force, onProgress: o.onProgress });
  const { manifest, dir } = ensured;
  log(
    ensured.cached
      ? `dataset ${manifest.name}: cached in ${dir}, not regenerated (checksum ${manifest.checksum})`
      : `dataset ${manifest.name}: generated in ${ensured.seconds.toFixed(1)} s into ${dir} (checksum ${manifest.checksum})`,
  );

  const loadStarted = process.hrtime.bigint();
  await createDatabaseIfMissing(o.databaseUrl);
  const pool = createPool({ databaseUrl: o.databaseUrl, max: 3, applicationName: 'scale-dataset-load' });
  try {
    await applyMigrations(pool);
    const tables = manifest.tables.filter((t) => o.withRegistry !== false || t.name !== 'position_registry');
    await refuseFilledTables(pool, tables);
    const counts: Partial<Record<DatasetTableName, number>> = {};
    const load = async (t: TableFile) => {
      const tableStarted = process.hrtime.bigint();
      counts[t.name] = await copyTable(pool, dir, t);
      log(`loaded ${t.name}: ${t.rows} rows in ${secondsSince(tableStarted).toFixed(1)} s`);
    };
    // Small tables first ("Pool" is referenced), then two at a time (two connections, two cores).
    const [small, large] = [tables.filter((t) => t.rows < 10_000), tables.filter((t) => t.rows >= 10_000)];
    for (const t of small) await load(t);
    await inParallel(large, 2, load);
    const blockTimes = await writeDatasetBlockTimes(pool);
    log(`block_time: ${blockTimes} blocks from the dataset's chain clock`);
    for (const t of tables) await pool.query(`ANALYZE ${quoteIdent(t.name)}`);
    await pool.query('ANALYZE block_time');
    const loadSeconds = secondsSince(loadStarted);
    return {
      name: manifest.name,
      dir,
      counts,
      checksum: manifest.checksum,
      cached: ensured.cached,
      seconds: secondsSince(started),
      generationSeconds: ensured.seconds,
      loadSeconds,
      serviceEnv: manifest.serviceEnv,
      manifest,
    };
  } finally {
    await pool.end();
  }
}

/**
 * The time of every block the dataset's rows mention, from its own chain clock (source
 * 'dataset'): the dataset runs against an empty Anvil, which has none of these headers, so the
 * replay's prepare phase must find no block without a time.
 */
async function writeDatasetBlockTimes(pool: Pool): Promise<number> {
  const blocks = await blocksWithoutTime(pool);
  return writeBlockTimes(
    pool,
    blocks.map((block_number) => ({ block_number, timestamp: blockTimestamp(block_number), source: 'dataset' as const })),
  );
}

async function refuseFilledTables(pool: Pool, tables: readonly TableFile[]): Promise<void> {
  for (const t of tables) {
    const { rowCount } = await pool.query(`SELECT 1 FROM ${quoteIdent(t.name)} LIMIT 1`);
    if (rowCount) throw new Error(`table ${t.name} already has rows: load the dataset into a fresh database`);
  }
}

/**
 * COPY one table file in, checking its SHA-256 on the way; returns the rows PostgreSQL took.
 * A `stamped` table ("Pool", "PoolIncentive": "updatedAt" without a default, as in
 * production) is copied into a temporary table of its data columns first, then inserted
 * with "createdAt" = "updatedAt" = now, UTC wall time as Prisma writes it (they are small).
 */
async function copyTable(pool: Pool, dir: string, t: TableFile): Promise<number> {
  const table = datasetTable(t.name);
  const columns = table.columns.map(quoteIdent).join(', ');
  const stamped = 'stamped' in table && table.stamped;
  const client = await pool.connect();
  try {
    // One transaction: a file that fails its checksum leaves the table empty.
    await client.query('BEGIN');
    if (stamped) await client.query(`CREATE TEMP TABLE dataset_stage ON COMMIT DROP AS SELECT ${columns} FROM ${quoteIdent(t.name)} WITH NO DATA`);
    const copy = client.query(copyFrom(`COPY ${stamped ? 'dataset_stage' : quoteIdent(t.name)} (${columns}) FROM STDIN`));
    const hash = createHash('sha256');
    const file = createReadStream(join(dir, t.file), { highWaterMark: 1 << 20 });
    file.on('data', (chunk) => hash.update(chunk));
    await pipeline(file, copy);
    const sha256 = hash.digest('hex');
    if (sha256 !== t.sha256) throw new Error(`${t.file} does not match its manifest (sha256 ${sha256}, expected ${t.sha256}): generate it again with --force`);
    if (copy.rowCount !== t.rows) throw new Error(`${t.name}: PostgreSQL took ${copy.rowCount} rows, the manifest says ${t.rows}`);
    if (stamped) {
      await client.query(
        `INSERT INTO ${quoteIdent(t.name)} (${columns}, "createdAt", "updatedAt") SELECT ${columns}, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC' FROM dataset_stage`,
      );
    }
    await client.query('COMMIT');
    return copy.rowCount;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

function secondsSince(started: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - started) / 1e6) / 1000;
}
