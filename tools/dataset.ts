/**
 * `npm run dataset`: the deterministic scale dataset (docs/dataset.md) — generated once into
 * the cache outside git, then loaded with COPY into a database when one is named.
 */
import { DEFAULTS, loadConfig } from '@lib/config';
import { databaseNameOf, redactPassword, withDatabaseName } from '@lib/db';
import {
  DEFAULT_DATASET,
  DEFAULT_DATASET_CACHE,
  DatasetOptionsError,
  datasetOptions,
  ensureDataset,
  loadScaleDataset,
  type DatasetManifest,
} from '@lib/dataset';
import { defineCommand, formatCount, formatTable, integer, positiveNumber, progressLine, runCommand, UsageError } from './cli';

const COMMAND = defineCommand({
  name: 'dataset',
  synopsis: ['npm run dataset -- [options]'],
  summary: `Generates the scale dataset — position events with their pool events on 11 simulated
Uniswap V3 pools of two DEXes, every amount, price and tick by exact v3 math — deterministically
from a seed, caches it under ${DEFAULT_DATASET_CACHE}/<name>/ (a COPY file per table and a
manifest with counts and SHA-256s), and loads it into a fresh database with COPY. A second run
with the same options finds the cache and does not generate again.`,
  options: {
    events: { type: 'string', value: 'N', help: `position events, at least (default ${formatCount(DEFAULT_DATASET.events)})` },
    'swaps-per-event': { type: 'string', value: 'R', help: `swaps per position event (default ${DEFAULT_DATASET.swapsPerEvent})` },
    days: { type: 'string', value: 'N', help: `chain time the history spans (default ${DEFAULT_DATASET.days})` },
    seed: { type: 'string', value: 'N', help: `seed (default ${DEFAULT_DATASET.seed})` },
    'database-url': {
      type: 'string',
      value: 'URL',
      help: 'load the dataset into this database (created and migrated if missing;\nits source tables must be empty)',
    },
    'load-into': { type: 'string', value: 'NAME', help: 'load into database NAME on the server of DATABASE_URL' },
    'no-registry': { type: 'boolean', default: false, help: 'do not pre-fill position_registry (step 1 would then need a chain)' },
    'cache-dir': { type: 'string', value: 'DIR', help: `where datasets are kept (default ${DEFAULT_DATASET_CACHE})` },
    force: { type: 'boolean', default: false, help: 'generate again even when the cache has the dataset' },
    quiet: { type: 'boolean', default: false, help: 'no progress lines' },
  },
  env: { DATABASE_URL: `server for --load-into (default ${DEFAULTS.databaseUrl})` },
  examples: [
    'npm run dataset                                   # generate (or find) the 1M dataset, load nothing',
    'npm run dataset -- --load-into lpe_scale          # and load it into database lpe_scale',
    'npm run dataset -- --events 20000 --seed 7 --database-url postgres://postgres@127.0.0.1:5432/scratch',
  ],
  notes: 'Exit codes: 0 done, 2 usage error, 1 failure.',
});

function printManifest(m: DatasetManifest, dir: string, cached: boolean, seconds: number): void {
  const s = m.summary;
  console.log(`dataset ${m.name} ${cached ? 'found in the cache (not regenerated)' : `generated in ${seconds.toFixed(1)} s`}: ${dir}`);
  console.log(`  options: ${JSON.stringify(m.options)}`);
  console.log(
    formatTable(
      m.tables.map((t) => [t.name, formatCount(t.rows), `${(t.bytes / 2 ** 20).toFixed(1)} MiB`, t.sha256.slice(0, 16)]),
      { header: ['table', 'rows', 'size', 'sha256'], align: ['left', 'right', 'right', 'left'], indent: '  ' },
    ),
  );
  console.log(
    `  positions: ${formatCount(s.positions.minted)} minted, ${formatCount(s.positions.burned)} burned; swaps ${formatCount(s.actions.swaps)}; blocks ${s.blocks.first}..${s.blocks.last}; ` +
      `${new Date(s.timestamps.first * 1000).toISOString()} .. ${new Date(s.timestamps.last * 1000).toISOString()}`,
  );
  console.log(`  checksum: ${m.checksum}`);
  console.log(
    `  step services need: ${Object.entries(m.serviceEnv)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
}

function usageChecked<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof DatasetOptionsError) throw new UsageError(err.message);
    throw err;
  }
}

runCommand(COMMAND, async ({ values }) => {
  if (values['database-url'] && values['load-into']) throw new UsageError('give --database-url or --load-into, not both');
  const options = usageChecked(() =>
    datasetOptions({
      events: values.events === undefined ? undefined : integer('--events', values.events, { min: 1 }),
      swapsPerEvent: values['swaps-per-event'] === undefined ? undefined : Number(values['swaps-per-event']),
      days: values.days === undefined ? undefined : positiveNumber('--days', values.days),
      seed: values.seed === undefined ? undefined : integer('--seed', values.seed, { max: 0xffffffff }),
    }),
  );
  const onProgress = values.quiet
    ? undefined
    : (p: { positionEvents: number; target: number; poolEvents: number }) =>
        console.error(progressLine('generating: position events', p.positionEvents, p.target, `(pool events ${formatCount(p.poolEvents)})`));
  const databaseUrl = values['database-url'] ?? (values['load-into'] ? withDatabaseName(loadConfig().databaseUrl, values['load-into']) : undefined);

  if (!databaseUrl) {
    const ensured = ensureDataset(options, { cacheDir: values['cache-dir'], force: values.force, onProgress });
    printManifest(ensured.manifest, ensured.dir, ensured.cached, ensured.seconds);
    return 0;
  }
  const loaded = await loadScaleDataset({
    ...options,
    databaseUrl,
    cacheDir: values['cache-dir'],
    force: values.force,
    withRegistry: !values['no-registry'],
    onProgress,
    log: values.quiet ? undefined : (line) => console.error(line),
  });
  printManifest(loaded.manifest, loaded.dir, loaded.cached, loaded.generationSeconds);
  const rows = Object.values(loaded.counts).reduce((a, b) => a + (b ?? 0), 0);
  console.log(
    `loaded into ${databaseNameOf(databaseUrl)} (${redactPassword(databaseUrl)}): ${formatCount(rows)} rows in ${loaded.loadSeconds.toFixed(1)} s ` +
      `(${formatCount(rows / Math.max(loaded.loadSeconds, 0.001))} rows/s); total ${loaded.seconds.toFixed(1)} s`,
  );
  return 0;
});
