/**
 * `npm run scenario`: fills a fresh local chain with a reproducible Uniswap V3 history on two
 * DEXes and writes its manifest (addresses, pools, token ids, blocks, counts, rFLR allocations,
 * incentives). See docs/chain.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@lib/config';
import { DEFAULT_SCENARIO, freePort, isProcessAlive, processRssBytes, runScenario, startAnvil, type RunningAnvil, type ScenarioManifest } from '@lib/local-chain';

const USAGE = `Usage: npm run scenario -- [options]

Deploys test tokens (USD₮0, WFLR, FXRP, sFLR, WETH, rFLR, SPRK) and two Uniswap V3
deployments ("enosys", "sparkdex") from their published bytecode, creates 11 pools, then
mints, increases, decreases, collects, transfers, burns and swaps over days of chain
time. Same options and a fresh chain give the same chain: blocks, hashes, logs.

Options:
  --positions N    positions minted, one full-range per pool included (default ${DEFAULT_SCENARIO.positions})
  --swaps N        swaps (default ${DEFAULT_SCENARIO.swaps})
  --days N         chain time the activity spans (default ${DEFAULT_SCENARIO.days})
  --seed N         seed (default ${DEFAULT_SCENARIO.seed})
  --per-block N    most actions per block, <= 500 (default ${DEFAULT_SCENARIO.perBlock})
  --lp-actions N   increases/decreases/collects/transfers/burns (default 2·positions + swaps/10)
  --rpc URL        chain to fill (default: ANKR_HTTP_URL / FLARE_RPC_URL / http://127.0.0.1:8545);
                   must be a fresh \`npm run chain\` for reproducible addresses
  --fresh-anvil    start a temporary Anvil on a free port instead, stop it at the end
                   (for measuring; the manifest's RPC URL is then dead)
  --out PATH       manifest file (default .stack/scenario-manifest.json)
  --quiet          no progress lines
  --help           show this help`;

function intOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
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

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      positions: { type: 'string' },
      swaps: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      'per-block': { type: 'string' },
      'lp-actions': { type: 'string' },
      rpc: { type: 'string' },
      'fresh-anvil': { type: 'boolean', default: false },
      out: { type: 'string', default: '.stack/scenario-manifest.json' },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const days = values.days === undefined ? undefined : Number(values.days);
  if (days !== undefined && !(days > 0)) throw new Error(`--days must be positive, got "${values.days}"`);
  let anvil: RunningAnvil | undefined;
  try {
    if (values['fresh-anvil']) {
      anvil = await startAnvil({ port: await freePort() });
      const stopAnvil = anvil.stop;
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAnvil().then(() => process.exit(130)));
    }
    const rpcUrl = anvil?.url ?? values.rpc ?? loadConfig().rpcUrl;
    // RSS of the chain when we know its process: ours, or the one `npm run chain -- --detach` started.
    const anvilPid = anvil?.pid ?? detachedAnvilPid();
    console.log(`scenario: filling ${rpcUrl}`);
    const manifest = await runScenario({
      rpcUrl,
      positions: intOption('positions', values.positions),
      swaps: intOption('swaps', values.swaps),
      days,
      seed: intOption('seed', values.seed),
      perBlock: intOption('per-block', values['per-block']),
      lpActions: intOption('lp-actions', values['lp-actions']),
      onProgress: values.quiet
        ? undefined
        : (p) => {
            if (p.phase === 'activity') {
              const rss = anvilPid === undefined ? '' : `, anvil RSS ${mib(processRssBytes(anvilPid))}`;
              console.log(`  block ${p.block}/${p.blocks}: ${p.transactions} txs, ${(p.elapsedMs / 1000).toFixed(1)} s${rss}`);
            } else if (p.phase === 'setup') console.log('  deploying tokens, DEXes and pools');
          },
    });
    const out = resolve(values.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(summary(manifest, anvilPid === undefined ? undefined : processRssBytes(anvilPid)));
    console.log(`  manifest: ${out}`);
    return 0;
  } finally {
    await anvil?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`scenario: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
