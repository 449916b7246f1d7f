import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScenarioManifest } from '@lib/local-chain';

/**
 * The chain every integration test shares: a local Anvil running the real Uniswap V3
 * contracts (two DEXes) filled once per test run by the default scenario in the global
 * setup. Tests index it into their own database; nobody writes to it afterwards.
 */
export const CHAIN_FIXTURE_DIR = join(__dirname, '..', '..', '.stack', 'test-chain');

/** One file per test run (jest runs may overlap); the global setup names it in the environment. */
export function chainFixtureFile(): string {
  const file = process.env.LP_TEST_CHAIN_FIXTURE;
  if (!file) throw new Error('LP_TEST_CHAIN_FIXTURE is not set: run integration tests through jest (its global setup starts the chain)');
  return file;
}

export interface ChainFixture {
  rpcUrl: string;
  pid: number;
  manifestPath: string;
  manifest: ScenarioManifest;
}

export function sharedChain(): ChainFixture {
  const fixture = JSON.parse(readFileSync(chainFixtureFile(), 'utf8')) as Omit<ChainFixture, 'manifest'>;
  return { ...fixture, manifest: JSON.parse(readFileSync(fixture.manifestPath, 'utf8')) as ScenarioManifest };
}
