/**
 * `npm run chain`: the local EVM chain (Anvil) for tests, demos and benchmarks. Foreground until
 * Ctrl-C, or `--detach` (pid in .stack/anvil.pid) and `--stop`. See docs/chain.md.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_GENESIS_TIMESTAMP, isProcessAlive, rpcRequest, startAnvil, terminateProcess } from '@lib/local-chain';
import { defineCommand, integer, port as portValue, runCommand, UsageError } from './cli';

const COMMAND = defineCommand({
  name: 'chain',
  synopsis: ['npm run chain -- [--port N] [--host IP] [--timestamp N]', 'npm run chain -- --detach | --stop | --status'],
  summary: `Starts Anvil (the real Uniswap V3 contracts run on it; fill it with npm run scenario)
with the project's flags: chain id 31337, 20 unlocked accounts, 3G block gas limit,
code size limit 50000, genesis timestamp ${DEFAULT_GENESIS_TIMESTAMP} (2025-01-01 UTC),
100000 historical states kept for reads at past blocks.`,
  options: {
    port: { type: 'string', value: 'N', default: '8545', help: 'port (default 8545)' },
    host: { type: 'string', value: 'IP', default: '127.0.0.1', help: 'interface (default 127.0.0.1)' },
    timestamp: {
      type: 'string',
      value: 'N',
      default: String(DEFAULT_GENESIS_TIMESTAMP),
      help: `genesis timestamp, epoch seconds (default ${DEFAULT_GENESIS_TIMESTAMP})`,
    },
    detach: {
      type: 'boolean',
      default: false,
      help: 'start in the background, write the pid to .stack/anvil.pid (errors to\n.stack/anvil.log) and return; does nothing when the chain there already answers',
    },
    stop: { type: 'boolean', default: false, help: 'stop the chain started with --detach' },
    status: { type: 'boolean', default: false, help: 'say whether the detached chain runs (exit 0 if it does, 1 if not)' },
  },
  env: {},
  notes: `Without --detach/--stop/--status it runs in the foreground until Ctrl-C. The chain lives in
memory: stopping it loses it (re-run the scenario; same seed, same chain).`,
  examples: [
    'npm run chain                     # foreground, Ctrl-C stops it',
    'npm run chain -- --detach         # background on 127.0.0.1:8545',
    'npm run chain -- --stop',
  ],
});

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
  console.log(
    `chain: ${alive ? `anvil pid ${pid}` : 'no detached anvil'}; ${url} ${chainId === undefined ? 'does not answer' : `answers (chain id ${chainId})`}`,
  );
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

runCommand(
  COMMAND,
  async ({ values }) => {
    const port = portValue('--port', values.port);
    const genesisTimestamp = integer('--timestamp', values.timestamp, { min: 1 });
    if ([values.detach, values.stop, values.status].filter(Boolean).length > 1) throw new UsageError('give only one of --detach, --stop, --status');
    if (values.stop) return stop();
    if (values.status) return status(`http://${values.host}:${port}`);
    if (values.detach) return detach(port, values.host, genesisTimestamp);
    return foreground(port, values.host, genesisTimestamp);
  },
  // The foreground chain's child process and signal handlers would keep the event loop alive.
  { forceExit: true },
);
