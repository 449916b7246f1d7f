import { Module } from '@nestjs/common';
import type { AppConfig } from '@lib/config';
import { connectConfiguredChainClient } from '@lib/chain';
import { APP_CONFIG } from '@lib/platform';
import { STEP_METRICS, type StepMetrics } from './step-metrics';

export const CHAIN_CLIENT = Symbol('CHAIN_CLIENT');
export const DEX_NAMES = Symbol('DEX_NAMES');

/**
 * Position managers' DEX names beyond Flare's known ones, e.g. the local chain's:
 * LP_DEX_MANAGERS="enosys=0xabc…,sparkdex=0xdef…". Rows the indexer wrote carry the
 * name in their metadata already; this covers rows that do not.
 */
export function dexNamesFromEnv(raw: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const [name, address] = pair.split('=');
    if (!name || !/^0x[0-9a-fA-F]{40}$/.test(address ?? '')) throw new Error(`LP_DEX_MANAGERS: "${pair}" is not name=0xaddress`);
    out.set(address.toLowerCase(), name);
  }
  return out;
}

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
    { provide: DEX_NAMES, useFactory: () => dexNamesFromEnv(process.env.LP_DEX_MANAGERS) },
  ],
  exports: [CHAIN_CLIENT, DEX_NAMES],
})
export class ChainModule {}
