import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run bench -- [options]

Options:
  --dataset NAME   the input data: scenario (default; a generated history on a fresh Anvil) or
                   scale (the cached scale dataset, docs/dataset.md; loaded with COPY; steps
                   unclaimed-fees and position-snapshots are left out: they read chain state)
  --events N       scale: position events, at least (default 1000000)
  --positions N    scenario positions (default 1500)
  --swaps N        scenario swaps (default 20000)
  --per-block N    scenario actions per block (default 200)
  --days N         chain time of the scenario (default 3)
  --seed N         scenario or scale seed (default 1)
  --replay-page-size N  REPLAY_PAGE_SIZE of the admin app (default 5000, the app's own)
  --steps a,b      only these steps (pool-attribution always runs once: the others read its output)
  --skip-baselines no Kafka ProducerPerformance, COPY, sequential or stock-transport baselines
  --skip-scaling   no second run of each step with 2 instances
  --end-to-end     at the end, the whole pipeline at once: every step running, replay started, until every lag is 0
  --rounds N       runs of each transform (batch vs. stock), order alternating (default 2)
  --sequential-page-size N  rows per page of the sequential pool-volume baseline (default 5000)
  --keep           keep the bench database (lpe_bench_*), topics and groups
  --help           this text`;

/** The datasets the bench knows; a new one adds its name here and its preparation in tools/bench.ts. */
export const DATASETS = ['scenario', 'scale'] as const;
export type DatasetName = (typeof DATASETS)[number];

export interface BenchOptions {
  help: boolean;
  dataset: DatasetName;
  scenario: { positions: number; swaps: number; perBlock: number; days: number; seed: number };
  /** `--dataset scale`: the scale dataset of these options (docs/dataset.md). */
  scale: { events: number; seed: number };
  replayPageSize: number;
  steps: string[];
  baselines: boolean;
  scaling: boolean;
  endToEnd: boolean;
  rounds: number;
  sequentialPageSize: number;
  keep: boolean;
}

function intArg(name: string, raw: string | undefined, fallback: number, min = 0): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}, got "${raw}"`);
  return n;
}

/** `--steps a,b`: known step names, in the order of `implemented` (the step graph's), each once. */
export function parseStepList(raw: string | undefined, implemented: readonly string[]): string[] {
  if (raw === undefined) return [...implemented];
  const asked = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (asked.length === 0) throw new Error('--steps needs at least one step name');
  const unknown = asked.filter((s) => !implemented.includes(s));
  if (unknown.length > 0) throw new Error(`--steps: unknown or unimplemented step(s) ${unknown.join(', ')}; known: ${implemented.join(', ')}`);
  return implemented.filter((s) => asked.includes(s));
}

export function parseBenchOptions(argv: string[], implemented: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      dataset: { type: 'string' },
      positions: { type: 'string' },
      swaps: { type: 'string' },
      'per-block': { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      events: { type: 'string' },
      'replay-page-size': { type: 'string' },
      steps: { type: 'string' },
      'skip-baselines': { type: 'boolean', default: false },
      'skip-scaling': { type: 'boolean', default: false },
      'end-to-end': { type: 'boolean', default: false },
      rounds: { type: 'string' },
      'sequential-page-size': { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const dataset = values.dataset ?? 'scenario';
  if (!(DATASETS as readonly string[]).includes(dataset)) throw new Error(`--dataset: unknown dataset "${dataset}"; known: ${DATASETS.join(', ')}`);
  // A generator flag of the other dataset would be silently ignored: refuse it instead.
  const scenarioOnly = (['positions', 'swaps', 'per-block', 'days'] as const).filter((k) => values[k] !== undefined);
  if (dataset === 'scale' && scenarioOnly.length > 0) throw new Error(`--${scenarioOnly[0]} applies to --dataset scenario, not scale`);
  if (dataset !== 'scale' && values.events !== undefined) throw new Error('--events applies to --dataset scale');
  const seed = intArg('seed', values.seed, 1);
  return {
    help: values.help === true,
    dataset: dataset as DatasetName,
    scenario: {
      positions: intArg('positions', values.positions, 1500),
      swaps: intArg('swaps', values.swaps, 20000),
      perBlock: intArg('per-block', values['per-block'], 200, 1),
      days: intArg('days', values.days, 3),
      seed,
    },
    scale: { events: intArg('events', values.events, 1_000_000, 1), seed },
    replayPageSize: intArg('replay-page-size', values['replay-page-size'], 5000, 1),
    steps: parseStepList(values.steps, implemented),
    baselines: values['skip-baselines'] !== true,
    scaling: values['skip-scaling'] !== true,
    endToEnd: values['end-to-end'] === true,
    rounds: intArg('rounds', values.rounds, 2, 1),
    sequentialPageSize: intArg('sequential-page-size', values['sequential-page-size'], 5000, 1),
    keep: values.keep === true,
  };
}
