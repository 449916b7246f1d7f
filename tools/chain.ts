/**
 * `npm run chain`: the local EVM chain (Anvil) for tests, demos and benchmarks. Foreground until
 * Ctrl-C, or `--detach` (pid in .stack/anvil.pid) and `--stop`. See docs/chain.md.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_GENESIS_TIMESTAMP, isProcessAlive, rpcRequest, startAnvil, terminateProcess } from '@lib/local-chain';

const USAGE = `Usage: npm run chain -- [options]

Starts Anvil (the real Uniswap V3 contracts run on it; fill it with npm run scenario)
with the project's flags: chain id 31337, 20 unlocked accounts, 3G block gas limit,
code size limit 50000, genesis timestamp ${DEFAULT_GENESIS_TIMESTAMP} (2025-01-01 UTC),
100000 historical states kept for reads at past blocks.

Options:
  --port N        port (default 8545)
  --host IP       interface (default 127.0.0.1)
  --timestamp N   genesis timestamp, epoch seconds (default ${DEFAULT_GENESIS_TIMESTAMP})
  --detach        start in the background, write the pid to .stack/anvil.pid (errors to
                  .stack/anvil.log) and return;
                  does nothing when the chain there already answers
  --stop          stop the chain started with --detach
  --status        say whether the detached chain runs
  --help          show this help

Without --detach/--stop it runs in the foreground until Ctrl-C. The chain lives in
memory: stopping it loses it (re-run the scenario; same seed, same chain).`;

const STACK_DIR = resolve('.stack');
const PID_FILE = join(STACK_DIR, 'anvil.pid');
const CACHE_DIR = join(STACK_DIR, 'anvil-cache');
const LOG_FILE = join(STACK_DIR, 'anvil.log');

function readPid(): number | undefined {
  if (!existsSync(PID_FILE)) return undefined;
  const pid = Number(readFileSync(PID_FILE, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

async function answers(url: string): Promise<number | undefined> {
  try {
    return Number(await rpcRequest<string>(url, 'eth_chainId'));
  } catch {
    return undefined;
  }
}

async function stop(): Promise<number> {
  const pid = readPid();
  if (pid !== undefined && isProcessAlive(pid)) {
    await terminateProcess(pid);
    console.log(`chain: stopped anvil (pid ${pid})`);
  } else {
    console.log('chain: not running');
  }
  rmSync(PID_FILE, { force: true });
  rmSync(CACHE_DIR, { recursive: true, force: true });
  return 0;
}

async function status(url: string): Promise<number> {
  const pid = readPid();
  const alive = pid !== undefined && isProcessAlive(pid);
  const chainId = await answers(url);
  console.log(`chain: ${alive ? `anvil pid ${pid}` : 'no detached anvil'}; ${url} ${chainId === undefined ? 'does not answer' : `answers (chain id ${chainId})`}`);
  return alive && chainId !== undefined ? 0 : 1;
}

async function detach(port: number, host: string, genesisTimestamp: number): Promise<number> {
  const url = `http://${host}:${port}`;
  const pid = readPid();
  if (pid !== undefined && isProcessAlive(pid) && (await answers(url)) !== undefined) {
    console.log(`chain: already running at ${url} (pid ${pid})`);
    return 0;
  }
  if ((await answers(url)) !== undefined) {
    console.error(`chain: something else already answers at ${url}; not starting a second chain`);
    return 1;
  }
  mkdirSync(STACK_DIR, { recursive: true });
  rmSync(CACHE_DIR, { recursive: true, force: true });
  mkdirSync(CACHE_DIR, { recursive: true });
  const anvil = await startAnvil({ port, host, genesisTimestamp, cachePath: CACHE_DIR, detached: true, logFile: LOG_FILE }).catch((error: unknown) => {
    rmSync(CACHE_DIR, { recursive: true, force: true });
    throw error;
  });
  writeFileSync(PID_FILE, `${anvil.pid}\n`);
  console.log(`chain: anvil at ${anvil.url} (chain id ${anvil.chainId}, pid ${anvil.pid}); stop with npm run chain -- --stop`);
  return 0;
}

async function foreground(port: number, host: string, genesisTimestamp: number): Promise<number> {
  const anvil = await startAnvil({ port, host, genesisTimestamp });
  console.log(`chain: anvil at ${anvil.url} (chain id ${anvil.chainId}, pid ${anvil.pid}); Ctrl-C stops it`);
  const stopOnSignal = new Promise<number>((resolveSignal) => {
    const onSignal = () => {
      void anvil.stop().then(() => resolveSignal(0));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  const exited = anvil.exited.then((code) => {
    console.error(`chain: anvil exited by itself (code ${code})`);
    return code ?? 1;
  });
  return Promise.race([stopOnSignal, exited]);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8545' },
      host: { type: 'string', default: '127.0.0.1' },
      timestamp: { type: 'string', default: String(DEFAULT_GENESIS_TIMESTAMP) },
      detach: { type: 'boolean', default: false },
      stop: { type: 'boolean', default: false },
      status: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = Number(values.port);
  const genesisTimestamp = Number(values.timestamp);
  if (!Number.isInteger(port) || port <= 0 || port > 65_535) throw new Error(`--port must be a TCP port, got "${values.port}"`);
  if (!Number.isInteger(genesisTimestamp) || genesisTimestamp <= 0) throw new Error(`--timestamp must be epoch seconds, got "${values.timestamp}"`);
  if (values.stop) return stop();
  if (values.status) return status(`http://${values.host}:${port}`);
  if (values.detach) return detach(port, values.host, genesisTimestamp);
  return foreground(port, values.host, genesisTimestamp);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`chain: ${(error as Error).message}`);
    process.exit(1);
  },
);
