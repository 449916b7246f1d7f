import type { Pool } from 'pg';
import { createChainClient } from '@lib/chain';
import { applyMigrations, createDatabaseIfMissing, createPool } from '@lib/db';
import { createChainReaders, indexChain, manifestDexSources, manifestLastBlock, parseChainManifest } from '@lib/indexer';
import { freePort, runScenario, startAnvil, type RunningAnvil } from '@lib/local-chain';
import type { BenchOptions } from './options';
import type { PreparedDataset } from './prepared-dataset';
import type { RssSampler } from './processes';
import { now } from './timing';

async function count(db: Pool, table: string): Promise<number> {
  return Number((await db.query(`SELECT count(*)::bigint AS n FROM ${table}`)).rows[0].n);
}

/**
 * `--dataset scenario`: the scenario generator's history on a fresh Anvil (the real
 * Uniswap V3 contracts), indexed into a fresh, migrated database.
 */
export async function prepareScenarioDataset(
  options: BenchOptions['scenario'],
  dbUrl: string,
  rss: RssSampler,
  log: (line: string) => void,
): Promise<PreparedDataset> {
  const anvil: RunningAnvil = await startAnvil({ port: await freePort() });
  let db: Pool | undefined;
  try {
    rss.watch('anvil', anvil.pid);
    log(`scenario on ${anvil.url}: ${options.positions} positions, ${options.swaps} swaps, ${options.perBlock}/block`);
    let t = now();
    const manifest = await runScenario({ rpcUrl: anvil.url, ...options });
    const scenarioSec = (now() - t) / 1000;

    await createDatabaseIfMissing(dbUrl);
    db = createPool({ databaseUrl: dbUrl, applicationName: 'lp-bench' });
    await applyMigrations(db);
    log('indexing');
    const chainManifest = parseChainManifest(JSON.stringify(manifest), 'scenario manifest');
    t = now();
    await indexChain({
      readers: createChainReaders(createChainClient(anvil.url)),
      db,
      dexes: manifestDexSources(chainManifest),
      toBlock: manifestLastBlock(chainManifest),
      window: 5000,
    });
    const indexSec = (now() - t) / 1000;
    const positionRows = await count(db, '"PositionEvent"');
    const poolRows = await count(db, '"PoolEvent"');
    return {
      db,
      rpcUrl: anvil.url,
      pricingEnv: {
        LP_USD_STABLECOINS: manifest.tokens
          .filter((tk) => tk.role === 'stablecoin')
          .map((tk) => tk.address)
          .join(','),
        LP_WRAPPED_NATIVE: manifest.tokens.find((tk) => tk.role === 'wrapped-native')?.address ?? '',
      },
      positionRows,
      poolRows,
      figures: [
        { figure: 'dataset: scenario transactions', value: manifest.counts.transactions, unit: 'txs' },
        { figure: 'dataset: PositionEvent rows', value: positionRows, unit: 'rows' },
        { figure: 'dataset: PoolEvent rows', value: poolRows, unit: 'rows' },
        { figure: 'scenario generation', value: Math.round(manifest.counts.transactions / scenarioSec), unit: 'tx/s' },
        { figure: 'indexing (chain -> source tables)', value: Math.round((positionRows + poolRows) / indexSec), unit: 'rows/s' },
      ],
      raw: { scenario: { counts: manifest.counts, seconds: scenarioSec } },
      stop: () => anvil.stop(),
    };
  } catch (err) {
    await db?.end().catch(() => undefined);
    await anvil.stop().catch(() => undefined);
    throw err;
  }
}
