import type { Provider } from '@nestjs/common';
import { ChainTimeRepository, PoolTickTimelines } from '@lib/position';
import { EndMarkerOriginRepository } from '@lib/pipeline';
import { repositoryProvider } from '@lib/platform';
import { PoolDirectoryRepository, PoolPriceSource, PoolStateRepository, pricingConfigFromEnv, type PricingConfig } from '@lib/pricing';

export const PRICING_CONFIG = Symbol('PRICING_CONFIG');

/**
 * The collaborators steps share, one of each per step process: the "Pool" directory, pool
 * states as of a chain point, USD prices over both (one price source: the decimals of the
 * amounts and the prices see the same "Pool" rows), pool tick timelines, end markers, the
 * chain time → block map.
 */
export const SHARED_STEP_PROVIDERS: Provider[] = [
  { provide: PRICING_CONFIG, useFactory: (): PricingConfig => pricingConfigFromEnv() },
  repositoryProvider(PoolDirectoryRepository),
  repositoryProvider(PoolStateRepository),
  repositoryProvider(PoolTickTimelines),
  repositoryProvider(ChainTimeRepository),
  repositoryProvider(EndMarkerOriginRepository),
  {
    provide: PoolPriceSource,
    inject: [PRICING_CONFIG, PoolDirectoryRepository, PoolStateRepository],
    useFactory: (config: PricingConfig, directory: PoolDirectoryRepository, states: PoolStateRepository) => new PoolPriceSource(config, directory, states),
  },
];
