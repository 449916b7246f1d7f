import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where detached services keep their pid files and logs: <repo>/.stack/services. */
export const SERVICES_DIR = join(__dirname, '..', '..', '..', '.stack', 'services');
const ROOT = join(__dirname, '..', '..', '..');

export interface ServiceSpec {
  name: string;
  /** Script under dist/, e.g. dist/apps/enricher/src/main.js. */
  script: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function pidFile(name: string): string {
  return join(SERVICES_DIR, `${name}.pid`);
}

export function logFile(name: string): string {
  return join(SERVICES_DIR, `${name}.log`);
}

export function runningPid(name: string): number | undefined {
  const file = pidFile(name);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && isAlive(pid) ? pid : undefined;
}

/** Starts a service detached (it outlives this command), unless it already runs. */
export function startDetached(spec: ServiceSpec): { pid: number; started: boolean } {
  mkdirSync(SERVICES_DIR, { recursive: true });
  const existing = runningPid(spec.name);
  if (existing) return { pid: existing, started: false };
  const log = openSync(logFile(spec.name), 'a');
  const child = spawn(process.execPath, [join(ROOT, spec.script), ...spec.args], {
    cwd: ROOT,
    // The service's environment: ours with the spec's on top; the service checks it with its own loadConfig().
    // eslint-disable-next-line no-restricted-properties -- passes the environment through to a child process; it reads its settings with its own loadConfig()
    env: { ...process.env, ...spec.env },
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  child.unref();
  writeFileSync(pidFile(spec.name), String(child.pid));
  return { pid: child.pid!, started: true };
}

/** SIGTERM (steps finish their batch and commit), then SIGKILL after `graceMs`. */
export async function stopService(name: string, graceMs = 20_000): Promise<boolean> {
  const pid = runningPid(name);
  rmSync(pidFile(name), { force: true });
  if (!pid) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  return true;
}
