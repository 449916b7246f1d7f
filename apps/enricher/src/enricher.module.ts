import { Global, Module, type DynamicModule, type Type } from '@nestjs/common';
import { HealthModule, METRICS_REGISTRY, MetricsController, PlatformModule } from '@lib/platform';
import { STEP_METRICS, StepMetrics } from './runtime/step-metrics';

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

/** The enricher app for one step: shared clients, the step's module, /metrics and /health (PostgreSQL, Kafka, registry). */
@Module({})
export class EnricherModule {
  static forStep(stepModule: Type<unknown>, metrics: StepMetrics): DynamicModule {
    return {
      module: EnricherModule,
      imports: [PlatformModule, HealthModule, StepMetricsModule.of(metrics), stepModule],
      controllers: [MetricsController],
    };
  }
}
