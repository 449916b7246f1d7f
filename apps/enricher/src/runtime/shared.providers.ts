import type { Provider } from '@nestjs/common';
import { ChainTimeRepository, PoolTickTimelines } from '@lib/position';
import { EndMarkerOriginRepository } from '@lib/pipeline';
import type { AppConfig } from '@lib/config';
import { APP_CONFIG, repositoryProvider } from '@lib/platform';
import { PoolDirectoryRepository, PoolPriceSource, PoolStateRepository, type PricingConfig } from '@lib/pricing';

export const PRICING_CONFIG = Symbol('PRICING_CONFIG');

/**
 * The collaborators steps share, one of each per step process: the "Pool" directory, pool
 * states as of a chain point, USD prices over both (one price source: the decimals of the
 * amounts and the prices see the same "Pool" rows), pool tick timelines, end markers, the
 * chain time → block map.
 */
export const SHARED_STEP_PROVIDERS: Provider[] = [
  { provide: PRICING_CONFIG, inject: [APP_CONFIG], useFactory: (c: AppConfig): PricingConfig => c.pricing },
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
