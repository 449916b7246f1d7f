import { poolIncentiveRow, rflrAllocationRow, type PoolIncentiveRow, type RflrAllocationRow } from '@lib/indexer';
import { allocateRflr, createRng, planIncentives } from '@lib/local-chain';
import type { Address } from 'viem';
import type { DatasetUniverse } from './dataset-universe';
import { tokenBySymbol } from './dataset-universe';
import type { PositionExposureRecord } from './history-generator';

/**
 * The reward inputs of the dataset, made as the scenario makes them (`@lib/local-chain`
 * rewards) and turned into rows by the importer's own functions: rFLR per position and
 * month in proportion to its USD-days, and incentive programmes on each DEX's busiest pools.
 */
export function rflrAllocationRows(exposures: readonly PositionExposureRecord[], seed: number): RflrAllocationRow[] {
  const allocations = allocateRflr(
    exposures.map((e) => ({ dex: e.dex, positionManager: e.positionManager as Address, tokenId: e.tokenId, exposure: e.exposure })),
    createRng(seed).fork('scale dataset rflr'),
  );
  const source = `scale dataset seed ${seed}`;
  return allocations.map((a) => rflrAllocationRow({ positionManager: a.positionManager, tokenId: a.tokenId, month: a.month, amountRaw: a.amount }, source));
}

export function poolIncentiveRows(universe: DatasetUniverse, start: number, end: number, seed: number): PoolIncentiveRow[] {
  const reward = (symbol: string) => {
    const token = tokenBySymbol(universe, symbol);
    return { address: token.address as Address, symbol: token.symbol, usdPrice: token.usdPrice };
  };
  const programmes = planIncentives(
    universe.pools.map((p) => ({ address: p.address as Address, dex: p.dex, label: p.label, activity: p.activity })),
    { enosys: reward('rFLR'), sparkdex: reward('SPRK') },
    start,
    end,
    createRng(seed).fork('scale dataset incentives'),
  );
  // "isActive" is given; `now` only matters when it is not.
  return programmes.map((p) => poolIncentiveRow({ ...p }, new Date(end * 1000)));
}
