import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { anvilArgs, DEFAULT_ANVIL, type AnvilOptions } from './anvil-args';

export interface StartAnvilOptions extends Omit<AnvilOptions, 'cachePath'> {
  /** Defaults to a new temporary directory, deleted by `stop()`. */
  cachePath?: string;
  /** The `anvil` binary; defaults to the one of `@foundry-rs/anvil-linux-amd64`. */
  binary?: string;
  /** Outlive this process (for `npm run chain -- --detach`); `stop()` still works by pid. */
  detached?: boolean;
  /** Append Anvil's output here (useful with `detached`, whose output is otherwise dropped). */
  logFile?: string;
  /** How long to wait for the RPC to answer. */
  readyTimeoutMs?: number;
}

export interface RunningAnvil {
  url: string;
  pid: number;
  chainId: number;
  cachePath: string;
  /** Terminates the process (SIGTERM, then SIGKILL), waits for it to exit and removes an owned cache directory. */
  stop(): Promise<void>;
  /** Resolves when the process exits by itself or is stopped. */
  exited: Promise<number | null>;
}

export function anvilBinary(): string {
  return join(dirname(require.resolve('@foundry-rs/anvil-linux-amd64/package.json')), 'bin', 'anvil');
}

/** POSTs one JSON-RPC request; resolves with the result. No retries: callers poll. */
export async function rpcRequest<T>(url: string, method: string, params: unknown[] = [], timeoutMs = 2_000): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

/** Polls `eth_chainId` until the node answers; returns the chain id. */
export async function waitForRpc(url: string, timeoutMs = 15_000, isAlive: () => boolean = () => true): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`process serving ${url} exited before answering`);
    try {
      return Number(await rpcRequest<string>(url, 'eth_chainId'));
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`no RPC answer from ${url} within ${timeoutMs} ms: ${String(lastError)}`);
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Sends SIGTERM, waits up to `graceMs`, then SIGKILL; resolves once the pid is gone. */
export async function terminateProcess(pid: number, graceMs = 5_000): Promise<void> {
  if (!isProcessAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isProcessAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 25));
}

/** Starts Anvil with the project's flags and resolves once its RPC answers. */
export async function startAnvil(options: StartAnvilOptions): Promise<RunningAnvil> {
  const ownsCache = options.cachePath === undefined;
  const cachePath = options.cachePath ?? mkdtempSync(join(tmpdir(), 'anvil-cache-'));
  const host = options.host ?? DEFAULT_ANVIL.host;
  const url = `http://${host}:${options.port}`;
  const logFd = options.logFile ? openSync(options.logFile, 'a') : undefined;
  const child = spawn(options.binary ?? anvilBinary(), anvilArgs({ ...options, cachePath }), {
    stdio: logFd !== undefined ? ['ignore', logFd, logFd] : options.detached ? 'ignore' : ['ignore', 'ignore', 'pipe'],
    detached: options.detached ?? false,
  });
  if (logFd !== undefined) closeSync(logFd);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  let alive = true;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      alive = false;
      resolve(code);
    });
    child.once('error', (error) => {
      alive = false;
      stderr += String(error);
      resolve(null);
    });
  });
  const pid = child.pid;
  const cleanup = () => {
    if (ownsCache) rmSync(cachePath, { recursive: true, force: true });
  };
  // A chain tied to this process must not outlive it (a test runner exiting, an uncaught error).
  const killOnExit = () => {
    if (pid !== undefined && alive) process.kill(pid, 'SIGKILL');
    cleanup();
  };
  if (!options.detached) process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (pid !== undefined && alive) await terminateProcess(pid);
    cleanup();
  };
  try {
    if (pid === undefined) throw new Error('anvil did not start');
    const chainId = await waitForRpc(url, options.readyTimeoutMs, () => alive);
    if (options.detached) child.unref();
    return { url, pid, chainId, cachePath, stop, exited };
  } catch (error) {
    await stop();
    const output = stderr ? `\n${stderr.trim()}` : options.logFile ? ` (see ${options.logFile})` : '';
    throw new Error(`anvil on ${url} failed to start: ${(error as Error).message}${output}`);
  }
}
