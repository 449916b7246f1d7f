import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CopyFileSink, datasetChecksum, type TableFile } from './copy-file-sink';
import { GENERATOR_VERSION, datasetName, type DatasetOptions } from './dataset-options';
import { serviceEnv } from './dataset-universe';
import { generateDataset } from './generate-dataset';
import type { GenerationProgress, GenerationSummary } from './history-generator';

/**
 * The generated datasets live outside git, one directory each, named after their options:
 * `<cache>/<name>/` with a COPY text file per table and `manifest.json` (written last, so a
 * directory with a manifest is complete). A directory is filled under a temporary name and
 * renamed when done: an interrupted generation leaves nothing that looks usable.
 */
export const DEFAULT_DATASET_CACHE = join(homedir(), '.cache', 'lp-enrichment', 'datasets');
const MANIFEST = 'manifest.json';

export interface DatasetManifest {
  format: 1;
  name: string;
  generatorVersion: number;
  options: DatasetOptions;
  /** SHA-256 over the tables' names, row counts and SHA-256s (`datasetChecksum`). */
  checksum: string;
  tables: TableFile[];
  summary: GenerationSummary;
  /** What step services need for this dataset: its stablecoin, wrapped native token, managers. */
  serviceEnv: Record<string, string>;
  pools: { address: string; dex: string; label: string; token0: string; token1: string; fee: number }[];
  generatedAt: string;
  generationSeconds: number;
}

export interface EnsuredDataset {
  dir: string;
  manifest: DatasetManifest;
  /** True when an existing dataset was used, false when it was generated now. */
  cached: boolean;
  seconds: number;
}

export interface EnsureDatasetOptions {
  cacheDir?: string;
  /** Generate again even if the cache has it. */
  force?: boolean;
  onProgress?: (p: GenerationProgress) => void;
}

/** The cached dataset of these options, generated first if it is missing (or `force`). */
export function ensureDataset(options: DatasetOptions, settings: EnsureDatasetOptions = {}): EnsuredDataset {
  const started = process.hrtime.bigint();
  const root = settings.cacheDir ?? DEFAULT_DATASET_CACHE;
  const name = datasetName(options);
  const dir = join(root, name);
  if (!settings.force) {
    const manifest = readCachedManifest(dir);
    if (manifest) return { dir, manifest, cached: true, seconds: secondsSince(started) };
  }

  mkdirSync(root, { recursive: true });
  const partial = join(root, `${name}.partial-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial);
  try {
    const sink = new CopyFileSink(partial);
    const { universe, summary } = generateDataset(options, sink, settings.onProgress);
    const tables = sink.close();
    const manifest: DatasetManifest = {
      format: 1,
      name,
      generatorVersion: GENERATOR_VERSION,
      options,
      checksum: datasetChecksum(tables),
      tables,
      summary,
      serviceEnv: serviceEnv(universe),
      pools: universe.pools.map((p) => ({ address: p.address, dex: p.dex, label: p.label, token0: p.token0.address, token1: p.token1.address, fee: p.fee })),
      generatedAt: new Date().toISOString(),
      generationSeconds: secondsSince(started),
    };
    writeFileSync(join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
    return { dir, manifest, cached: false, seconds: manifest.generationSeconds };
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

/** The manifest of a complete cached dataset, or undefined (missing, other generator, a file of the wrong size). */
export function readCachedManifest(dir: string): DatasetManifest | undefined {
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) return undefined;
  let manifest: DatasetManifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as DatasetManifest;
  } catch {
    return undefined;
  }
  if (manifest.format !== 1 || manifest.generatorVersion !== GENERATOR_VERSION) return undefined;
  for (const t of manifest.tables) {
    const path = join(dir, t.file);
    if (!existsSync(path) || statSync(path).size !== t.bytes) return undefined;
  }
  return manifest;
}

function secondsSince(started: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - started) / 1e6) / 1000;
}
