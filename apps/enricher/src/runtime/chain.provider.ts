import { Module } from '@nestjs/common';
import type { AppConfig } from '@lib/config';
import { connectConfiguredChainClient } from '@lib/chain';
import { APP_CONFIG } from '@lib/platform';
import { STEP_METRICS, type StepMetrics } from './step-metrics';

export const CHAIN_CLIENT = Symbol('CHAIN_CLIENT');
export const DEX_NAMES = Symbol('DEX_NAMES');

/**
 * The chain client of steps that read the chain (configured RPC; the local chain by default),
 * its JSON-RPC requests counted in the step's metrics.
 */
@Module({
  providers: [
    {
      provide: CHAIN_CLIENT,
      inject: [APP_CONFIG, { token: STEP_METRICS, optional: true }],
      useFactory: (c: AppConfig, metrics?: StepMetrics) => connectConfiguredChainClient(c, { onRequest: metrics?.countRpcCall }),
    },
    // Position managers' DEX names beyond Flare's known ones (LP_DEX_MANAGERS), lowercase addresses.
    { provide: DEX_NAMES, inject: [APP_CONFIG], useFactory: (c: AppConfig) => new Map(Object.entries(c.dexManagers)) },
  ],
  exports: [CHAIN_CLIENT, DEX_NAMES],
})
export class ChainModule {}
