import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@lib/config';
import { HealthModule, METRICS_REGISTRY, MetricsController, PlatformModule } from '@lib/platform';
import { ChainModule } from './runtime/chain.provider';
import { SHARED_STEP_PROVIDERS } from './runtime/shared.providers';
import { STEP_METRICS, StepMetrics } from './runtime/step-metrics';
import type { StepEntry } from './steps';

/** The step instance's metrics, visible to every module of the app (the chain client counts its calls). */
@Global()
@Module({})
class StepMetricsModule {
  static of(metrics: StepMetrics): DynamicModule {
    return {
      module: StepMetricsModule,
      providers: [
        { provide: STEP_METRICS, useValue: metrics },
        { provide: METRICS_REGISTRY, useValue: metrics.registry },
      ],
      exports: [STEP_METRICS, METRICS_REGISTRY],
    };
  }
}

/**
 * The enricher app for one step: shared clients, the step definition with its
 * repositories and the shared step collaborators, /metrics and /health (PostgreSQL,
 * Kafka, registry). The chain client only for a step that reads the chain (`readsChain`).
 */
@Module({})
export class EnricherModule {
  static forStep(config: AppConfig, entry: StepEntry, metrics: StepMetrics): DynamicModule {
    return {
      module: EnricherModule,
      imports: [PlatformModule.forRoot(config), HealthModule, StepMetricsModule.of(metrics), ...(entry.readsChain ? [ChainModule] : [])],
      providers: [...SHARED_STEP_PROVIDERS, ...(entry.providers ?? []), entry.step],
      controllers: [MetricsController],
    };
  }
}
