import { existsSync, readFileSync, rmSync } from 'node:fs';
import { isProcessAlive, terminateProcess } from '@lib/local-chain';
import { CHAIN_FIXTURE_FILE } from './support/chain-fixture';

/** Stops the shared chain; the stack stays up (`.ci/run` and the developer decide). */
export default async function globalTeardown(): Promise<void> {
  if (!existsSync(CHAIN_FIXTURE_FILE)) return;
  const { pid, cachePath } = JSON.parse(readFileSync(CHAIN_FIXTURE_FILE, 'utf8')) as { pid: number; cachePath?: string };
  if (isProcessAlive(pid)) await terminateProcess(pid);
  if (cachePath) rmSync(cachePath, { recursive: true, force: true });
  rmSync(CHAIN_FIXTURE_FILE, { force: true });
}
