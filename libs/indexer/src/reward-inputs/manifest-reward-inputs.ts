/** The reward inputs a scenario manifest carries, as importer records. */
import type { ChainManifest } from '../chain-manifest';
import { dailyRunTimes } from './incentive-snapshots';
import type { InputRecord } from './input-record';
import type { RewardInputs } from './import-reward-inputs';

export function manifestRewardInputs(manifest: ChainManifest): RewardInputs {
  // The manifest's `amount` is in base units already (not rFLR): pass it as amountRaw.
  const rflr: InputRecord[] = (manifest.rewards?.allocations ?? []).map((a) => ({
    positionManager: a.positionManager,
    tokenId: a.tokenId,
    month: a.month,
    amountRaw: a.amount,
  }));
  return {
    rflr,
    incentives: (manifest.incentives ?? []) as InputRecord[],
    rflrSource: manifest.seed === undefined ? 'scenario' : `scenario seed ${manifest.seed}`,
    // The production shape's snapshot script: a run a day through the scenario's chain time.
    incentiveRunTimes: manifest.timestamps ? dailyRunTimes(manifest.timestamps.first, manifest.timestamps.last) : undefined,
  };
}
