import { repositoryProvider } from '@lib/platform';
import { attributedPositionEventSchema } from '@lib/kafka';
import type { ChainClient } from '@lib/chain';
import { FeeStateReader, PoolPositionReader } from '@lib/position';
import { CHAIN_CLIENT, DEX_NAMES } from '../runtime/chain.provider';
import { PositionRangeStatusRepository } from './range-status/position-range-status.repository';
import { RangeStatusStep } from './range-status/range-status.step';
import { RflrVestingRepository } from './rflr-vesting/rflr-vesting.repository';
import { RflrVestingStep } from './rflr-vesting/rflr-vesting.step';
import { ImpermanentLossRepository } from './impermanent-loss/impermanent-loss.repository';
import { ImpermanentLossStep } from './impermanent-loss/impermanent-loss.step';
import { CollectFeeRepository } from './fees-usd/collect-fee.repository';
import { FeesUsdStep } from './fees-usd/fees-usd.step';
import { PoolVolumeRepository } from './pool-volume/pool-volume.repository';
import { PoolVolumeStep } from './pool-volume/pool-volume.step';
import { PositionHealthRepository } from './position-health/position-health.repository';
import { PositionHealthStep } from './position-health/position-health.step';
import { UnclaimedFeesRepository } from './unclaimed-fees/unclaimed-fees.repository';
import { UnclaimedFeesStep } from './unclaimed-fees/unclaimed-fees.step';
import { AprRepository } from './apr/apr.repository';
import { AprStep } from './apr/apr.step';
import { PoolAttributionStep } from './pool-attribution/pool-attribution.step';
import { PositionRegistryRepository } from './pool-attribution/position-registry.repository';
import { PositionResolver } from './pool-attribution/position-resolver';
import { PositionSnapshotsRepository } from './position-snapshots/position-snapshots.repository';
import { PositionSnapshotsStep } from './position-snapshots/position-snapshots.step';
import type { StepEntry } from './step-entry';

export type { StepEntry } from './step-entry';

/**
 * Every step the enricher runs, by its name in the step graph (libs/pipeline: input,
 * output, group). A step is its folder: its definition (`<name>.step.ts`: screen, load,
 * pure compute, sink), its repositories, its tests; it imports libraries, never another step.
 */
export const STEP_CATALOG: Record<string, StepEntry> = {
  'range-status': { step: RangeStatusStep, providers: [repositoryProvider(PositionRangeStatusRepository)] },
  'rflr-vesting': { step: RflrVestingStep, providers: [repositoryProvider(RflrVestingRepository)] },
  'position-health': { step: PositionHealthStep, providers: [repositoryProvider(PositionHealthRepository)] },
  'apr': { step: AprStep, providers: [repositoryProvider(AprRepository)] },
  'impermanent-loss': { step: ImpermanentLossStep, providers: [repositoryProvider(ImpermanentLossRepository)] },
  'fees-usd': { step: FeesUsdStep, providers: [repositoryProvider(CollectFeeRepository)] },
  'pool-volume': { step: PoolVolumeStep, providers: [repositoryProvider(PoolVolumeRepository)] },
  'unclaimed-fees': {
    step: UnclaimedFeesStep,
    readsChain: true,
    providers: [
      repositoryProvider(UnclaimedFeesRepository),
      { provide: FeeStateReader, inject: [CHAIN_CLIENT], useFactory: (client: ChainClient) => new FeeStateReader(client) },
      { provide: PoolPositionReader, inject: [CHAIN_CLIENT], useFactory: (client: ChainClient) => new PoolPositionReader(client) },
    ],
  },
  'pool-attribution': {
    step: PoolAttributionStep,
    readsChain: true,
    outputSchema: attributedPositionEventSchema,
    providers: [
      repositoryProvider(PositionRegistryRepository),
      {
        provide: PositionResolver,
        inject: [CHAIN_CLIENT, DEX_NAMES],
        useFactory: (client: ChainClient, dexNames: Map<string, string>) => new PositionResolver(client, dexNames),
      },
    ],
  },
  'position-snapshots': {
    step: PositionSnapshotsStep,
    readsChain: true,
    providers: [
      repositoryProvider(PositionSnapshotsRepository),
      { provide: FeeStateReader, inject: [CHAIN_CLIENT], useFactory: (client: ChainClient) => new FeeStateReader(client) },
      { provide: PoolPositionReader, inject: [CHAIN_CLIENT], useFactory: (client: ChainClient) => new PoolPositionReader(client) },
    ],
  },
};
