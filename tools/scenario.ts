/**
 * `npm run scenario`: fills a fresh local chain with a reproducible Uniswap V3 history on two
 * DEXes and writes its manifest (addresses, pools, token ids, blocks, counts, rFLR allocations,
 * incentives). See docs/chain.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '@lib/config';
import {
  DEFAULT_SCENARIO,
  freePort,
  isProcessAlive,
  MAX_PER_BLOCK,
  POOLS,
  processRssBytes,
  resolveScenarioOptions,
  runScenario,
  startAnvil,
  type RunningAnvil,
  type ScenarioManifest,
  type ScenarioOptions,
} from '@lib/local-chain';
import { defineCommand, formatCount, httpUrl, optionalInteger, positiveNumber, Progress, runCommand, UsageError } from './cli';

const COMMAND = defineCommand({
  name: 'scenario',
  synopsis: ['npm run scenario -- [options]'],
  summary: `Deploys test tokens (USD₮0, WFLR, FXRP, sFLR, WETH, rFLR, SPRK) and two Uniswap V3
deployments ("enosys", "sparkdex") from their published bytecode, creates ${POOLS.length} pools, then
mints, increases, decreases, collects, transfers, burns and swaps over days of chain
time. Same options and a fresh chain give the same chain: blocks, hashes, logs.`,
  options: {
    positions: {
      type: 'string',
      value: 'N',
      help: `positions minted, one full-range per pool included, > ${POOLS.length} (default ${DEFAULT_SCENARIO.positions})`,
    },
    swaps: { type: 'string', value: 'N', help: `swaps (default ${DEFAULT_SCENARIO.swaps})` },
    days: { type: 'string', value: 'N', help: `chain time the activity spans, > 0, fractions allowed (default ${DEFAULT_SCENARIO.days})` },
    seed: { type: 'string', value: 'N', help: `seed (default ${DEFAULT_SCENARIO.seed})` },
    'per-block': { type: 'string', value: 'N', help: `most actions per block, 1..${MAX_PER_BLOCK} (default ${DEFAULT_SCENARIO.perBlock})` },
    'lp-actions': { type: 'string', value: 'N', help: 'increases/decreases/collects/transfers/burns (default 2·positions + swaps/10)' },
    rpc: {
      type: 'string',
      value: 'URL',
      help: 'chain to fill (default: ANKR_HTTP_URL / FLARE_RPC_URL / http://127.0.0.1:8545);\nmust be a fresh `npm run chain` for reproducible addresses',
    },
    'fresh-anvil': {
      type: 'boolean',
      default: false,
      help: "start a temporary Anvil on a free port instead, stop it at the end\n(for measuring; the manifest's RPC URL is then dead)",
    },
    out: { type: 'string', value: 'PATH', default: '.stack/scenario-manifest.json', help: 'manifest file (default .stack/scenario-manifest.json)' },
    quiet: { type: 'boolean', default: false, help: 'no progress bar or lines' },
  },
  env: { ANKR_HTTP_URL: 'default chain RPC (preferred)', FLARE_RPC_URL: 'default chain RPC when ANKR_HTTP_URL is unset' },
  notes: 'Progress (stderr): a bar of blocks on a terminal, a line every 5 s otherwise.\nSummary and manifest path: stdout.',
  examples: [
    'npm run chain -- --detach && npm run scenario                      # the default history on 127.0.0.1:8545',
    'npm run scenario -- --fresh-anvil --positions 200 --swaps 2000 --out /tmp/m.json',
  ],
});

/** Every option checked before the chain is touched. */
function scenarioOptions(values: {
  positions?: string;
  swaps?: string;
  days?: string;
  seed?: string;
  'per-block'?: string;
  'lp-actions'?: string;
}): Partial<ScenarioOptions> {
  const options: Partial<ScenarioOptions> = {
    positions: optionalInteger('--positions', values.positions, { min: POOLS.length + 1 }),
    swaps: optionalInteger('--swaps', values.swaps),
    days: values.days === undefined ? undefined : positiveNumber('--days', values.days),
    seed: optionalInteger('--seed', values.seed),
    perBlock: optionalInteger('--per-block', values['per-block'], { min: 1, max: MAX_PER_BLOCK }),
    lpActions: optionalInteger('--lp-actions', values['lp-actions']),
  };
  try {
    resolveScenarioOptions(options, POOLS.length);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return options;
}

function detachedAnvilPid(): number | undefined {
  const file = resolve('.stack/anvil.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && isProcessAlive(pid) ? pid : undefined;
}

function mib(bytes: number | undefined): string {
  return bytes === undefined ? 'n/a' : `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

function summary(manifest: ScenarioManifest, rss: number | undefined): string {
  const c = manifest.counts;
  const t = manifest.timing;
  return [
    `scenario: seed ${manifest.seed}, blocks ${manifest.blocks.first}..${manifest.blocks.last} (activity from ${manifest.blocks.activityFrom}), ` +
      `${new Date(manifest.timestamps.activityFrom * 1000).toISOString()} .. ${new Date(manifest.timestamps.last * 1000).toISOString()}`,
    `  ${c.transactions} txs in ${c.blocks} blocks: ${c.mints} mints (${c.bootstrapMints} bootstrap, ${c.mintAndBurnSameBlock} burned in their own block), ` +
      `${c.increases} increases, ${c.decreases} decreases, ${c.fullDecreases} full decreases, ${c.collects} collects, ${c.transfers} transfers, ` +
      `${c.burns} burns, ${c.swaps} swaps${c.skippedLpActions ? `, ${c.skippedLpActions} position actions skipped` : ''}`,
    `  token ids: enosys ${manifest.tokenIds.enosys.length}, sparkdex ${manifest.tokenIds.sparkdex.length}; ` +
      `rFLR allocations ${manifest.rewards.allocations.length}; incentives ${manifest.incentives.length}`,
    `  time: setup ${(t.setupMs / 1000).toFixed(1)} s, activity ${(t.activityMs / 1000).toFixed(1)} s, total ${(t.totalMs / 1000).toFixed(1)} s -> ${t.txPerSecond} tx/s; anvil RSS ${mib(rss)}`,
  ].join('\n');
}

async function main(values: { rpc?: string; 'fresh-anvil': boolean; out: string; quiet: boolean } & Parameters<typeof scenarioOptions>[0]): Promise<number> {
  const options = scenarioOptions(values);
  const rpc = values.rpc === undefined ? undefined : httpUrl('--rpc', values.rpc);
  if (rpc && values['fresh-anvil']) throw new UsageError('give --rpc or --fresh-anvil, not both');
  let anvil: RunningAnvil | undefined;
  const progress = values.quiet ? undefined : new Progress({ label: 'scenario' });
  try {
    if (values['fresh-anvil']) {
      anvil = await startAnvil({ port: await freePort() });
      const stopAnvil = anvil.stop;
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAnvil().then(() => process.exit(130)));
    }
    const rpcUrl = anvil?.url ?? rpc ?? loadConfig().rpcUrl;
    // RSS of the chain when we know its process: ours, or the one `npm run chain -- --detach` started.
    const anvilPid = anvil?.pid ?? detachedAnvilPid();
    console.error(`scenario: filling ${rpcUrl}`);
    const manifest = await runScenario({
      rpcUrl,
      ...options,
      onProgress: (p) => {
        if (p.phase === 'setup') progress?.log('scenario: deploying tokens, DEXes and pools');
        else if (p.phase === 'activity' || p.phase === 'done') {
          const rss = anvilPid === undefined ? '' : ` · anvil RSS ${mib(processRssBytes(anvilPid))}`;
          const task = progress?.task('blocks', p.blocks);
          task?.setTotal(p.blocks);
          task?.update(p.block, `· ${formatCount(p.transactions)} txs · ${(p.elapsedMs / 1000).toFixed(1)} s${rss}`);
        }
      },
    });
    progress?.stop();
    const out = resolve(values.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(summary(manifest, anvilPid === undefined ? undefined : processRssBytes(anvilPid)));
    console.log(`  manifest: ${out}`);
    return 0;
  } finally {
    progress?.stop();
    await anvil?.stop();
  }
}

runCommand(COMMAND, ({ values }) => main(values), { forceExit: true });
