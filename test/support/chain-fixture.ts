import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioManifest } from '@lib/local-chain';

/**
 * The chain every integration test shares: a local Anvil running the real Uniswap V3
 * contracts (two DEXes) filled once per test run by the default scenario in the global
 * setup. Tests index it into their own database; nobody writes to it afterwards.
 */
export const CHAIN_FIXTURE_FILE = join(__dirname, '..', '..', '.stack', 'test-chain', 'fixture.json');

export interface ChainFixture {
  rpcUrl: string;
  pid: number;
  manifestPath: string;
  manifest: ScenarioManifest;
}

export function sharedChain(): ChainFixture {
  const fixture = JSON.parse(readFileSync(CHAIN_FIXTURE_FILE, 'utf8')) as Omit<ChainFixture, 'manifest'>;
  return { ...fixture, manifest: JSON.parse(readFileSync(fixture.manifestPath, 'utf8')) as ScenarioManifest };
}
