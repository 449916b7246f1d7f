/**
 * `npm run import-inputs`: upserts the enrichment's input data that is not on chain —
 * rFLR allocations per position and month into `rflr_allocation`, incentive programmes
 * into "PoolIncentive" — from a scenario manifest or from files. See docs/indexer.md.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createPool } from '@lib/db';
import { DEFAULTS } from '@lib/config';
import { importRewardInputs, INDEX_SHAPES, isIndexShape, manifestRewardInputs, parseInputFile, readChainManifest, type RewardInputs } from '@lib/indexer';
import { defineCommand, runCommand, UsageError, type ValuesOf } from './cli';

const COMMAND = defineCommand({
  name: 'import-inputs',
  synopsis: ['npm run import-inputs -- --manifest PATH', 'npm run import-inputs -- [--rflr FILE.csv|FILE.json] [--incentives FILE.json]'],
  summary: `Upserts reward inputs (idempotent: importing twice changes nothing):
  rflr_allocation   (position_manager, token_id, month_start) → amount_raw, source
  "PoolIncentive"   ("poolAddress", "rewardToken", "startDate") → the programme
Incentives need their pool in "Pool": index the chain first (npm run index).`,
  options: {
    manifest: { type: 'string', value: 'PATH', help: "the scenario manifest's rewards.allocations and incentives" },
    rflr: {
      type: 'string',
      value: 'FILE',
      help: `CSV with a header, or JSON (an array, or {"rflr": [...]}); fields
positionManager, tokenId, month (YYYY-MM, or monthStart: any date in
the month, UTC), amountRaw (base units) or amount (rFLR, decimal),
source (optional; default: the file name) — snake_case works too`,
    },
    incentives: {
      type: 'string',
      value: 'FILE',
      help: `JSON (an array, or {"incentives": [...]}); fields poolAddress, dex,
rewardToken, rewardTokenSymbol, rewardPerDay, rewardUsdPerDay,
programName, startDate, endDate (optional), isActive (optional)`,
    },
    shape: {
      type: 'string',
      value: 'SHAPE',
      help: `full (default): one "PoolIncentive" row per programme;
production: production's rolling snapshots — per run, pool and reward
token one row with "startDate" = run − 7 days, no end, no name; the
runs: a day apart through a manifest's chain time, else one run now`,
    },
  },
  env: { DATABASE_URL: `the database to write (default ${DEFAULTS.databaseUrl})` },
  notes: 'Invalid records are reported and skipped (exit code 3); the rest is written.',
  examples: [
    'npm run import-inputs -- --manifest .stack/scenario-manifest.json',
    'npm run import-inputs -- --manifest m.json --shape production',
    'npm run import-inputs -- --rflr rflr-2025.csv --incentives incentives.json',
  ],
});

function inputsFrom(values: { manifest?: string; rflr?: string; incentives?: string }): RewardInputs {
  if (values.manifest) return manifestRewardInputs(readChainManifest(values.manifest));
  return {
    rflr: values.rflr ? parseInputFile(values.rflr, readFileSync(values.rflr, 'utf8'), 'rflr') : [],
    incentives: values.incentives ? parseInputFile(values.incentives, readFileSync(values.incentives, 'utf8'), 'incentives') : [],
    rflrSource: values.rflr ? basename(values.rflr) : '',
  };
}

async function main(values: ValuesOf<typeof COMMAND>): Promise<number> {
  if (!values.manifest && !values.rflr && !values.incentives) throw new UsageError('nothing to import: give --manifest, or --rflr and/or --incentives');
  if (values.manifest && (values.rflr || values.incentives)) throw new UsageError('give either --manifest or files, not both');
  const shape = values.shape ?? 'full';
  if (!isIndexShape(shape)) throw new UsageError(`--shape must be one of ${INDEX_SHAPES.join(', ')}, got "${shape}"`);
  const inputs = inputsFrom(values);
  const db = createPool({ max: 2, applicationName: 'import-inputs' });
  try {
    const result = await importRewardInputs(db, inputs, new Date(), { shape });
    for (const r of result.rejected) console.error(`[import-inputs] skipped ${r.kind} record #${r.index}: ${r.reason}`);
    console.log(`rflr_allocation: ${result.rflr.rows} rows (${result.rflr.changed} inserted or changed)`);
    console.log(`"PoolIncentive": ${result.incentives.rows} rows (${result.incentives.changed} inserted or changed)`);
    if (result.rejected.length > 0) console.log(`skipped: ${result.rejected.length} record(s)`);
    return result.rejected.length > 0 ? 3 : 0;
  } finally {
    await db.end();
  }
}

runCommand(COMMAND, ({ values }) => main(values));
