import { existsSync, readFileSync, rmSync } from 'node:fs';
import { isProcessAlive, terminateProcess } from '@lib/local-chain';

/** Stops the shared chain; the stack stays up (`.ci/run` and the developer decide). */
export default async function globalTeardown(): Promise<void> {
  const file = process.env.LP_TEST_CHAIN_FIXTURE;
  if (!file || !existsSync(file)) return;
  const { pid, cachePath, manifestPath } = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; cachePath?: string; manifestPath: string };
  if (isProcessAlive(pid)) await terminateProcess(pid);
  if (cachePath) rmSync(cachePath, { recursive: true, force: true });
  rmSync(file, { force: true });
  rmSync(manifestPath, { force: true });
}
