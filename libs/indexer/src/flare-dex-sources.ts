/** The DEXes to index on Flare (chain id 14): the published addresses of `@lib/chain`. */
import { FLARE_DEXES, type ChainClient, type DexId } from '@lib/chain';
import { findDeploymentBlock } from './deployment-block';
import type { DexSource } from './dex-source';

/**
 * Each DEX starts at `fromBlock` when given, else at the deployment block of its factory
 * or manager, whichever came first (found on chain; needs an archive RPC).
 */
export async function flareDexSources(
  client: ChainClient,
  latest: number,
  options: { fromBlock?: number; only?: readonly string[] } = {},
): Promise<DexSource[]> {
  const ids = (Object.keys(FLARE_DEXES) as DexId[]).filter((id) => !options.only || options.only.includes(id));
  const sources: DexSource[] = [];
  for (const id of ids) {
    const dex = FLARE_DEXES[id];
    const fromBlock =
      options.fromBlock ?? Math.min(await findDeploymentBlock(client, dex.factory, latest), await findDeploymentBlock(client, dex.positionManager, latest));
    sources.push({ name: id, factory: dex.factory, positionManager: dex.positionManager, fromBlock });
  }
  return sources;
}
