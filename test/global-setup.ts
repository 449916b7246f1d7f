import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, runScenario, startAnvil } from '@lib/local-chain';
import { CHAIN_FIXTURE_DIR } from './support/chain-fixture';

/**
 * Integration tests need the real local stack (`stack up` is a no-op when it runs) and a
 * local chain with a history on it, made once here and shared read-only by every test.
 */
export default async function globalSetup(): Promise<void> {
  execFileSync('bash', [join(__dirname, '..', 'infra', 'stack.sh'), 'up'], { stdio: 'inherit' });
  const port = await freePort();
  // Detached: the chain must outlive this setup function; the teardown stops it by pid.
  const anvil = await startAnvil({ port, detached: true });
  const started = Date.now();
  const manifest = await runScenario({ rpcUrl: anvil.url, seed: Number(process.env.TEST_SCENARIO_SEED ?? 7) });
  mkdirSync(CHAIN_FIXTURE_DIR, { recursive: true });
  const manifestPath = join(CHAIN_FIXTURE_DIR, `manifest-${process.pid}.json`);
  const fixtureFile = join(CHAIN_FIXTURE_DIR, `fixture-${process.pid}.json`);
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  writeFileSync(fixtureFile, JSON.stringify({ rpcUrl: anvil.url, pid: anvil.pid, cachePath: anvil.cachePath, manifestPath }));
  // Workers start after this function and inherit the environment.
  process.env.LP_TEST_CHAIN_FIXTURE = fixtureFile;
  console.log(`\nshared test chain: ${anvil.url} (pid ${anvil.pid}), ${manifest.counts.transactions} txs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
