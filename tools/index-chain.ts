/**
 * `npm run index`: scans the DEXes' factory, position manager and pool logs into the
 * production source tables ("Pool", "PositionEvent", "PositionTransfer", "PoolEvent"),
 * window by window, resuming after each DEX's checkpoint. See docs/indexer.md.
 */
import { DEFAULTS, loadConfig } from '@lib/config';
import { connectChainClient, FLARE_CHAIN_ID } from '@lib/chain';
import { createPool, redactPassword } from '@lib/db';
import {
  createChainReaders,
  DEFAULT_STAMP_WINDOW,
  flareDexSources,
  formatIndexerSummary,
  indexChain,
  INDEX_SHAPES,
  isIndexShape,
  manifestDexSources,
  manifestLastBlock,
  readChainManifest,
  uniformQuirkRates,
  type DexSource,
  type IndexShape,
  type QuirkOptions,
  type SkippedLog,
  type WindowProgress,
} from '@lib/indexer';
import { defineCommand, formatCount, httpUrl, integer, optionalInteger, Progress, runCommand, UsageError, type ValuesOf } from './cli';

/** --quirk-rate: a share between 0 and 1. */
function quirkRate(raw: string): number {
  const n = raw.trim() === '' ? NaN : Number(raw);
  if (!(n >= 0 && n <= 1)) throw new UsageError(`--quirk-rate must be a number between 0 and 1, got "${raw}"`);
  return n;
}

const COMMAND = defineCommand({
  name: 'index',
  synopsis: ['npm run index -- [options]'],
  summary: `Indexes Uniswap-V3-style DEX history into PostgreSQL: factory PoolCreated → "Pool",
position manager IncreaseLiquidity/DecreaseLiquidity/Collect/Transfer → "PositionEvent"
and "PositionTransfer", pool Initialize/Mint/Burn/Swap/Collect/Flash → "PoolEvent".
Idempotent (upserts on ("txHash","logIndex")), resumable (checkpoint "dex:<name>" in
indexer_checkpoint after every window). Ctrl-C stops after the current window.

Which DEXes: with --manifest, a local-chain scenario manifest's DEXes, RPC URL and block
range; without it the configured RPC must serve Flare (chain id 14): Enosys V3 and
SparkDEX V3.1 from their deployment blocks (archive RPC needed).`,
  options: {
    manifest: { type: 'string', value: 'PATH', help: 'a local-chain scenario manifest (npm run scenario)' },
    dex: { type: 'string', value: 'NAME', multiple: true, help: 'only this DEX (repeatable or comma-separated), e.g. --dex enosys' },
    'from-block': { type: 'string', value: 'N', help: "first block (default: the DEX's first block; a checkpoint beyond it wins)" },
    'to-block': { type: 'string', value: 'N', help: "last block (default: the manifest's last block, else the latest block)" },
    window: {
      type: 'string',
      value: 'N',
      help: `blocks per window (default INDEXER_BLOCK_WINDOW, ${DEFAULTS.indexerBlockWindow});\nshrinks by itself when the RPC refuses a range`,
    },
    'rpc-url': { type: 'string', value: 'URL', help: "RPC to read (default: the manifest's, else ANKR_HTTP_URL / FLARE_RPC_URL)" },
    reset: {
      type: 'boolean',
      default: false,
      help: 'forget the checkpoints first and scan from the first block again\n(rows are rewritten identically, not deleted)',
    },
    shape: {
      type: 'string',
      value: 'SHAPE',
      help: `full (default): every log as it is, block times, MINT/BURN rows;
production: the rows production has (docs/indexer.md "Two shapes"):
INCREASE/DECREASE/COLLECT only, position rows stamped with the middle
block of their stamp window, PoolCreated rows, no Initialize/Flash`,
    },
    'stamp-window': {
      type: 'string',
      value: 'N',
      help: `production shape: blocks per stamp window (default ${DEFAULT_STAMP_WINDOW}),\ncounted from the first block (--from-block)`,
    },
    quirks: {
      type: 'boolean',
      default: false,
      help: "production shape: inject a deterministic handful of production's quirks\n(checksummed pools, 'Unknown' pool events, NULL pool metadata, ...)",
    },
    'quirk-rate': { type: 'string', value: 'R', help: 'with --quirks: the share (0..1) of candidate rows each quirk hits\n(default 0.04, pools 0.2)' },
    'no-progress': { type: 'boolean', default: false, help: 'no progress bar, only the summary' },
  },
  env: {
    DATABASE_URL: `the database to fill, migrated by npm run db:migrate (default ${DEFAULTS.databaseUrl})`,
    ANKR_HTTP_URL: 'chain RPC (preferred; an archive node for Flare)',
    FLARE_RPC_URL: 'chain RPC when ANKR_HTTP_URL is unset',
    INDEXER_BLOCK_WINDOW: `default --window (${DEFAULTS.indexerBlockWindow}; Flare's public RPC: 30)`,
  },
  notes:
    'Progress (stderr): one bar per DEX on a terminal, a line every 5 s otherwise. Summary (stdout):\nrows per table, logs, events/s. Exit 0 done, 1 error, 2 bad arguments, 130 stopped by Ctrl-C.',
  examples: [
    'npm run index -- --manifest .stack/scenario-manifest.json          # the local chain',
    'ANKR_HTTP_URL=https://… npm run index -- --dex enosys --to-block 30000000',
    'npm run index -- --manifest m.json --shape production --stamp-window 50 --from-block 120   # as production has it',
    'DATABASE_URL=postgres://postgres@127.0.0.1:5432/scratch npm run index -- --manifest /tmp/m.json --reset',
  ],
});

const blockArg = (name: string, raw: string | undefined) => optionalInteger(`--${name}`, raw);

/** One bar per DEX on a terminal; a line every few seconds otherwise (logs, CI). */
function progressReporter(enabled: boolean) {
  const started = Date.now();
  let logs = 0;
  const progress = enabled ? new Progress({ label: 'index', nameWidth: 9 }) : undefined;
  return {
    onWindow(p: WindowProgress) {
      logs += p.window.logs;
      const eps = Math.round((logs * 1000) / Math.max(1, Date.now() - started));
      const task = progress?.task(p.dex, p.blocksTotal);
      task?.update(p.blocksDone, `blocks · ${formatCount(logs)} logs · ${formatCount(eps)} ev/s · at block ${p.window.toBlock}`);
    },
    onSkipped(s: SkippedLog) {
      const line = `[index] skipped ${s.id} (${s.eventName ?? 'undecoded'} at ${s.address}, block ${s.blockNumber ?? '?'}): ${s.reason}`;
      if (progress) progress.log(line);
      else console.error(line);
    },
    log(line: string) {
      if (progress) progress.log(line);
      else console.error(line);
    },
    stop() {
      progress?.stop();
    },
  };
}

async function main(values: ValuesOf<typeof COMMAND>): Promise<number> {
  const window = values.window === undefined ? undefined : integer('--window', values.window, { min: 1 });
  const args = {
    manifest: values.manifest,
    dexes: values.dex?.flatMap((d) => d.split(',')).filter(Boolean),
    fromBlock: blockArg('from-block', values['from-block']),
    toBlock: blockArg('to-block', values['to-block']),
    window,
    rpcUrl: values['rpc-url'] === undefined ? undefined : httpUrl('--rpc-url', values['rpc-url']),
    reset: values.reset,
    progress: !values['no-progress'],
    shape: (values.shape ?? 'full') as IndexShape,
    stampWindow: optionalInteger('--stamp-window', values['stamp-window'], { min: 1 }),
    quirks: values.quirks
      ? ({ rates: values['quirk-rate'] === undefined ? undefined : uniformQuirkRates(quirkRate(values['quirk-rate'])) } satisfies QuirkOptions)
      : undefined,
  };
  if (!isIndexShape(args.shape)) throw new UsageError(`--shape must be one of ${INDEX_SHAPES.join(', ')}, got "${args.shape}"`);
  if (args.shape !== 'production' && (args.stampWindow !== undefined || args.quirks || values['quirk-rate'] !== undefined)) {
    throw new UsageError('--stamp-window, --quirks and --quirk-rate belong to --shape production');
  }
  if (values['quirk-rate'] !== undefined && !values.quirks) throw new UsageError('--quirk-rate needs --quirks');

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
    console.error("[index] Flare: finding the DEXes' deployment blocks…");
    // Deployment blocks even with --from-block: the pools created before the cut are read from there.
    dexes = await flareDexSources(client, latest, { only: args.dexes }).catch((error: unknown) => {
      if (args.fromBlock === undefined) throw error;
      console.error(`[index] deployment blocks not found (${(error as Error).message}); "Pool" gets only the pools created from block ${args.fromBlock} on`);
      return flareDexSources(client, latest, { fromBlock: args.fromBlock, only: args.dexes });
    });
    toBlock = args.toBlock ?? latest;
  } else {
    throw new UsageError(`chain ${chainId} at ${rpcUrl} is not Flare; give --manifest for a local chain`);
  }
  if (args.dexes) {
    const unknown = args.dexes.filter((name) => !dexes.some((d) => d.name === name));
    if (unknown.length > 0) throw new UsageError(`unknown DEX ${unknown.join(', ')} (known: ${dexes.map((d) => d.name).join(', ')})`);
    dexes = dexes.filter((d) => args.dexes!.includes(d.name));
  }
  // A cut history (--from-block after a DEX's first block): the pools created before the cut are still read into "Pool".
  if (args.fromBlock !== undefined)
    dexes = dexes.map((d) => ({ ...d, fromBlock: args.fromBlock!, poolsFromBlock: d.fromBlock < args.fromBlock! ? d.fromBlock : undefined }));
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
    const { rows } = await db.query<{ ok: boolean }>(
      `SELECT to_regclass('indexer_checkpoint') IS NOT NULL AND to_regclass('"PositionEvent"') IS NOT NULL AS ok`,
    );
    if (!rows[0].ok) {
      console.error(`index: ${redactPassword(config.databaseUrl)} lacks the tables; run \`npm run db:migrate\` first.`);
      return 1;
    }
    const window = args.window ?? config.indexerBlockWindow;
    const shape =
      args.shape === 'production' ? `; shape production (stamp window ${args.stampWindow ?? DEFAULT_STAMP_WINDOW}${args.quirks ? ', quirks' : ''})` : '';
    console.error(
      `[index] chain ${chainId} at ${rpcUrl}: ${dexes.map((d) => `${d.name} from ${d.fromBlock}`).join(', ')}; to block ${toBlock}; window ${window}${shape}`,
    );
    const results = await indexChain({
      readers: createChainReaders(client),
      db,
      dexes,
      toBlock,
      window,
      reset: args.reset,
      shape: args.shape,
      stampWindow: args.stampWindow,
      quirks: args.quirks,
      signal: abort.signal,
      onWindow: progress.onWindow,
      onSkipped: progress.onSkipped,
      onRangeError: (n) => progress.log(`[index] RPC refused blocks ${n.fromBlock}..${n.toBlock}; window now ${n.nextSize}`),
    });
    progress.stop();
    console.log(formatIndexerSummary(results, Date.now() - started));
    console.log(`results in ${redactPassword(config.databaseUrl)}`);
    return abort.signal.aborted ? 130 : 0;
  } finally {
    progress.stop();
    await db.end();
  }
}

runCommand(COMMAND, ({ values }) => main(values));
