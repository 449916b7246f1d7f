/**
 * `npm run index`: scans the DEXes' factory, position manager and pool logs into the
 * production source tables ("Pool", "PositionEvent", "PositionTransfer", "PoolEvent"),
 * window by window, resuming after each DEX's checkpoint. See docs/indexer.md.
 */
import { parseArgs } from 'node:util';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { DEFAULTS, loadConfig } from '@lib/config';
import { connectChainClient, FLARE_CHAIN_ID } from '@lib/chain';
import { createPool, redactPassword } from '@lib/db';
import {
  createChainReaders,
  flareDexSources,
  formatIndexerSummary,
  indexChain,
  manifestDexSources,
  manifestLastBlock,
  readChainManifest,
  type DexSource,
  type SkippedLog,
  type WindowProgress,
} from '@lib/indexer';

const USAGE = `Usage: npm run index -- [options]

Indexes Uniswap-V3-style DEX history into PostgreSQL: factory PoolCreated → "Pool",
position manager IncreaseLiquidity/DecreaseLiquidity/Collect/Transfer → "PositionEvent"
and "PositionTransfer", pool Initialize/Mint/Burn/Swap/Collect/Flash → "PoolEvent".
Idempotent (upserts on ("txHash","logIndex")), resumable (checkpoint "dex:<name>" in
indexer_checkpoint after every window). Ctrl-C stops after the current window.

Which DEXes:
  --manifest PATH    a local-chain scenario manifest (tools/scenario.ts): its DEXes, its
                     RPC URL and its block range
  (no --manifest)    the chain of the configured RPC must be Flare (chain id 14): Enosys V3
                     and SparkDEX V3.1, from their deployment blocks (archive RPC needed)
  --dex NAME         only this DEX (repeatable), e.g. --dex enosys

Options:
  --from-block N     first block (default: the DEX's first block; a checkpoint beyond it wins)
  --to-block N       last block (default: the manifest's last block, else the latest block)
  --window N         blocks per window (default INDEXER_BLOCK_WINDOW, ${DEFAULTS.indexerBlockWindow});
                     shrinks by itself when the RPC refuses a range
  --rpc-url URL      RPC to read (default: the manifest's, else ANKR_HTTP_URL / FLARE_RPC_URL)
  --reset            forget the checkpoints first and scan from the first block again
                     (rows are rewritten identically, not deleted)
  --no-progress      no progress bar (one line per window-batch instead)
  --help             show this help

Environment: DATABASE_URL (migrated: npm run db:migrate), ANKR_HTTP_URL, FLARE_RPC_URL,
INDEXER_BLOCK_WINDOW.`;

class UsageError extends Error {}

function blockArg(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a block number, got "${value}"`);
  return Number(value);
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      manifest: { type: 'string' },
      dex: { type: 'string', multiple: true },
      'from-block': { type: 'string' },
      'to-block': { type: 'string' },
      window: { type: 'string' },
      'rpc-url': { type: 'string' },
      reset: { type: 'boolean', default: false },
      'no-progress': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const window = blockArg('window', values.window);
  if (window === 0) throw new UsageError('--window must be at least 1');
  return {
    manifest: values.manifest,
    dexes: values.dex?.flatMap((d) => d.split(',')).filter(Boolean),
    fromBlock: blockArg('from-block', values['from-block']),
    toBlock: blockArg('to-block', values['to-block']),
    window,
    rpcUrl: values['rpc-url'],
    reset: values.reset,
    progress: !values['no-progress'],
    help: values.help,
  };
}

/** One bar per DEX on a terminal; a line every few seconds otherwise (logs, CI). */
function progressReporter(enabled: boolean) {
  const started = Date.now();
  let logs = 0;
  const interactive = enabled && process.stderr.isTTY;
  const multi = interactive
    ? new MultiBar({ format: '{dex} |{bar}| {percentage}% | {value}/{total} blocks | {logs} logs | {eps} ev/s | ETA {eta_formatted}', hideCursor: true, clearOnComplete: false }, Presets.shades_classic)
    : undefined;
  const bars = new Map<string, SingleBar>();
  let lastLine = 0;
  return {
    onWindow(p: WindowProgress) {
      logs += p.window.logs;
      const eps = Math.round((logs * 1000) / Math.max(1, Date.now() - started));
      if (multi) {
        let bar = bars.get(p.dex);
        if (!bar) bars.set(p.dex, (bar = multi.create(p.blocksTotal, 0, { dex: p.dex.padEnd(9), logs: 0, eps: 0 })));
        bar.update(p.blocksDone, { logs, eps });
      } else if (Date.now() - lastLine > 5_000 || p.blocksDone === p.blocksTotal) {
        lastLine = Date.now();
        console.error(`[index] ${p.dex}: block ${p.window.toBlock} (${p.blocksDone}/${p.blocksTotal} blocks), ${logs} logs, ${eps} events/s`);
      }
    },
    onSkipped(s: SkippedLog) {
      const line = `[index] skipped ${s.id} (${s.eventName ?? 'undecoded'} at ${s.address}, block ${s.blockNumber ?? '?'}): ${s.reason}`;
      if (multi) multi.log(`${line}\n`);
      else console.error(line);
    },
    stop() {
      if (multi?.isActive) multi.stop();
    },
  };
}

async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    console.error(`index: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }

  const config = loadConfig();
  const manifest = args.manifest ? readChainManifest(args.manifest) : undefined;
  const rpcUrl = args.rpcUrl ?? manifest?.rpcUrl ?? config.rpcUrl;
  const client = await connectChainClient(rpcUrl);
  const chainId = await client.getChainId();
  const latest = Number(await client.getBlockNumber());

  let dexes: DexSource[];
  let toBlock: number;
  if (manifest) {
    if (manifest.chainId !== chainId) throw new Error(`the manifest is of chain ${manifest.chainId}, the RPC ${rpcUrl} serves chain ${chainId}`);
    dexes = manifestDexSources(manifest);
    toBlock = args.toBlock ?? manifestLastBlock(manifest);
  } else if (chainId === FLARE_CHAIN_ID) {
    console.error('[index] Flare: finding the DEXes\' deployment blocks…');
    dexes = await flareDexSources(client, latest, { fromBlock: args.fromBlock, only: args.dexes });
    toBlock = args.toBlock ?? latest;
  } else {
    console.error(`index: chain ${chainId} at ${rpcUrl} is not Flare; give --manifest for a local chain.`);
    return 2;
  }
  if (args.dexes) {
    const unknown = args.dexes.filter((name) => !dexes.some((d) => d.name === name));
    if (unknown.length > 0) throw new UsageError(`unknown DEX ${unknown.join(', ')} (known: ${dexes.map((d) => d.name).join(', ')})`);
    dexes = dexes.filter((d) => args.dexes!.includes(d.name));
  }
  if (args.fromBlock !== undefined) dexes = dexes.map((d) => ({ ...d, fromBlock: args.fromBlock! }));
  if (toBlock > latest) throw new UsageError(`--to-block ${toBlock} is beyond the chain's latest block ${latest}`);

  const db = createPool({ max: 4, applicationName: 'indexer' });
  const abort = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (abort.signal.aborted) process.exit(130);
    console.error(`\n[index] ${signal}: stopping after the current window (again to quit now)`);
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const progress = progressReporter(args.progress);
  const started = Date.now();
  try {
    const { rows } = await db.query<{ ok: boolean }>(`SELECT to_regclass('indexer_checkpoint') IS NOT NULL AND to_regclass('"PositionEvent"') IS NOT NULL AS ok`);
    if (!rows[0].ok) {
      console.error(`index: ${redactPassword(config.databaseUrl)} lacks the tables; run \`npm run db:migrate\` first.`);
      return 1;
    }
    const window = args.window ?? config.indexerBlockWindow;
    console.error(`[index] chain ${chainId} at ${rpcUrl}: ${dexes.map((d) => `${d.name} from ${d.fromBlock}`).join(', ')}; to block ${toBlock}; window ${window}`);
    const results = await indexChain({
      readers: createChainReaders(client),
      db,
      dexes,
      toBlock,
      window,
      reset: args.reset,
      signal: abort.signal,
      onWindow: progress.onWindow,
      onSkipped: progress.onSkipped,
      onRangeError: (n) => console.error(`[index] RPC refused blocks ${n.fromBlock}..${n.toBlock}; window now ${n.nextSize}`),
    });
    progress.stop();
    console.log(formatIndexerSummary(results, Date.now() - started));
    return abort.signal.aborted ? 130 : 0;
  } finally {
    progress.stop();
    await db.end();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`index: ${error instanceof UsageError ? error.message : ((error as Error).stack ?? String(error))}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
