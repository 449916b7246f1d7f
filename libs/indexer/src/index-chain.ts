/** Indexes several DEXes one after the other (each has its own checkpoint). */
import type { ChainClient } from '@lib/chain';
import { blockTimestampReader } from './block-timestamps';
import { deleteCheckpoint, dexCheckpointName } from './checkpoint';
import type { DexSource } from './dex-source';
import { indexDex, type ChainReaders, type DexIndexResult, type IndexDexOptions } from './index-dex';
import { tokenMetadataReader } from './token-metadata-reader';

export function createChainReaders(client: ChainClient): ChainReaders {
  return { client, timestamps: blockTimestampReader(client), tokens: tokenMetadataReader(client) };
}

export interface IndexChainOptions extends Omit<IndexDexOptions, 'dex' | 'maxWindows'> {
  dexes: readonly DexSource[];
  /** Forget the DEXes' checkpoints first: scan again from their first block. */
  reset?: boolean;
  /** Stop after this many windows in all (tests of resuming). */
  maxWindows?: number;
}

export async function indexChain(options: IndexChainOptions): Promise<DexIndexResult[]> {
  const { dexes, reset, maxWindows, ...shared } = options;
  if (reset) for (const dex of dexes) await deleteCheckpoint(options.db, dexCheckpointName(dex.name));
  const results: DexIndexResult[] = [];
  let windowsLeft = maxWindows;
  for (const dex of dexes) {
    const result = await indexDex({ ...shared, dex, maxWindows: windowsLeft });
    results.push(result);
    if (windowsLeft !== undefined) windowsLeft -= result.windows;
    if (result.stopped) break;
  }
  return results;
}
