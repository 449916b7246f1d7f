/**
 * What the indexer and the input importer read from a local-chain scenario manifest
 * (libs/local-chain `ScenarioManifest`, written by `tools/scenario.ts`): only these
 * fields, checked when the file is read, so a changed manifest fails loudly here.
 */
import { readFileSync } from 'node:fs';
import type { Address } from 'viem';
import type { DexSource } from './dex-source';

export interface ChainManifest {
  chainId: number;
  rpcUrl: string;
  seed?: number;
  dexes: { id: string; name: string; factory: Address; positionManager: Address }[];
  /** Decimal strings. */
  blocks: { first: string; last: string };
  rewards?: { allocations: { positionManager: Address; tokenId: string; month: string; monthStart: number; amount: string }[] };
  /** Chain time of the scenario (epoch seconds): the production shape's incentive snapshot runs step through it. */
  timestamps?: { first: number; last: number };
  /** Importer records ("PoolIncentive" fields). */
  incentives?: readonly object[];
}

export class ManifestError extends Error {}

export function parseChainManifest(text: string, where = 'manifest'): ChainManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ManifestError(`${where}: not JSON (${(error as Error).message})`);
  }
  const m = value as Partial<ChainManifest>;
  const problems: string[] = [];
  if (typeof m.chainId !== 'number') problems.push('chainId');
  if (!Array.isArray(m.dexes) || m.dexes.some((d) => !d || typeof d.id !== 'string' || typeof d.factory !== 'string' || typeof d.positionManager !== 'string'))
    problems.push('dexes[{id, factory, positionManager}]');
  if (!m.blocks || !/^\d+$/.test(String(m.blocks.first)) || !/^\d+$/.test(String(m.blocks.last))) problems.push('blocks{first, last}');
  if (problems.length > 0) throw new ManifestError(`${where}: missing or malformed ${problems.join(', ')}`);
  return m as ChainManifest;
}

export function readChainManifest(path: string): ChainManifest {
  return parseChainManifest(readFileSync(path, 'utf8'), path);
}

/** The manifest's DEXes, each scanned from the scenario's first block (its deployments come after it). */
export function manifestDexSources(manifest: ChainManifest): DexSource[] {
  const fromBlock = Number(manifest.blocks.first);
  return manifest.dexes.map((dex) => ({ name: dex.id, factory: dex.factory, positionManager: dex.positionManager, fromBlock }));
}

/** The last block of the scenario's history. */
export function manifestLastBlock(manifest: ChainManifest): number {
  return Number(manifest.blocks.last);
}
