import type { Pool } from 'pg';
import { createPool } from '@lib/db';
import { loadScaleDataset } from '@lib/dataset';
import { freePort, startAnvil, type RunningAnvil } from '@lib/local-chain';
import type { BenchOptions } from './options';
import type { PreparedDataset } from './prepared-dataset';
import type { RssSampler } from './processes';
import { roundTo } from './report-format';

const REGISTRY_COPY = 'bench_dataset_position_registry';

/**
 * `--dataset scale`: the scale dataset (docs/dataset.md) from its cache, generated first
 * when missing, loaded with COPY into the bench database (loadScaleDataset creates and
 * migrates it). It has no chain behind it: the steps get an empty Anvil, which answers
 * the `eth_chainId` that every chain client asks at start; step 1 reads no more, since
 * every position is in `position_registry`. The steps that read chain state per event
 * are left out by the bench (dataset-coverage.ts).
 */
export async function prepareScaleDataset(
  options: BenchOptions['scale'],
  dbUrl: string,
  rss: RssSampler,
  log: (line: string) => void,
): Promise<PreparedDataset> {
  log(`scale dataset: ${options.events} events, seed ${options.seed}`);
  const ds = await loadScaleDataset({ databaseUrl: dbUrl, events: options.events, seed: options.seed, log });
  const positionRows = ds.counts.PositionEvent ?? 0;
  const poolRows = ds.counts.PoolEvent ?? 0;
  log(
    `scale dataset ${ds.name}: ${positionRows} PositionEvent, ${poolRows} PoolEvent rows, ${ds.cached ? 'from the cache' : 'generated'} in ${ds.generationSeconds.toFixed(1)} s, loaded in ${ds.loadSeconds.toFixed(1)} s`,
  );
  let anvil: RunningAnvil | undefined;
  let db: Pool | undefined;
  try {
    anvil = await startAnvil({ port: await freePort() });
    rss.watch('anvil', anvil.pid);
    db = createPool({ databaseUrl: dbUrl, applicationName: 'lp-bench' });
    // position_registry is also step 1's table: resetting the step empties it, and without
    // the dataset's rows step 1 would ask the (empty) chain. A copy to put them back.
    await db.query(`CREATE TABLE ${REGISTRY_COPY} AS TABLE position_registry`);
    const pool = db;
    const loadedRows = Object.values(ds.counts).reduce((n, c) => n + (c ?? 0), 0);
    const running = anvil;
    return {
      db,
      rpcUrl: anvil.url,
      pricingEnv: { ...ds.serviceEnv },
      positionRows,
      poolRows,
      figures: [
        { figure: 'dataset: PositionEvent rows', value: positionRows, unit: 'rows' },
        { figure: 'dataset: PoolEvent rows', value: poolRows, unit: 'rows' },
        { figure: 'dataset: rows of every table (PositionTransfer, rflr_allocation, registry, ...)', value: loadedRows, unit: 'rows' },
        ds.cached
          ? { figure: `scale dataset ${ds.name}: found in the cache (not generated)`, value: roundTo(ds.generationSeconds, 1), unit: 's' }
          : { figure: `scale dataset ${ds.name}: generated now`, value: roundTo(ds.generationSeconds, 1), unit: 's' },
        { figure: 'scale dataset load (COPY into the bench database, ANALYZE)', value: roundTo(ds.loadSeconds, 1), unit: 's' },
        { figure: 'scale dataset load rate', value: Math.round(loadedRows / ds.loadSeconds), unit: 'rows/s' },
      ],
      raw: {
        scale: {
          name: ds.name,
          dir: ds.dir,
          checksum: ds.checksum,
          options: ds.manifest.options,
          cached: ds.cached,
          counts: ds.counts,
          generationSeconds: ds.generationSeconds,
          loadSeconds: ds.loadSeconds,
          seconds: ds.seconds,
        },
      },
      restoreInputs: async (step) => {
        if (step === 'pool-attribution') await pool.query(`INSERT INTO position_registry SELECT * FROM ${REGISTRY_COPY}`);
      },
      stop: () => running.stop(),
    };
  } catch (err) {
    await db?.end().catch(() => undefined);
    await anvil?.stop().catch(() => undefined);
    throw err;
  }
}
