import { Controller, Get, Header, Inject, Module, type DynamicModule, type Type } from '@nestjs/common';
import { HealthModule, PlatformModule } from '@lib/platform';
import { StepMetrics } from './runtime/step-metrics';

const STEP_METRICS = Symbol('STEP_METRICS');

@Controller()
class StepHttpController {
  constructor(@Inject(STEP_METRICS) private readonly metrics: StepMetrics) {}

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }

}

/** The enricher app for one step: shared clients, the step's module, /metrics and /health (PostgreSQL, Kafka, registry). */
@Module({})
export class EnricherModule {
  static forStep(stepModule: Type<unknown>, metrics: StepMetrics): DynamicModule {
    return {
      module: EnricherModule,
      imports: [PlatformModule, HealthModule, stepModule],
      controllers: [StepHttpController],
      providers: [{ provide: STEP_METRICS, useValue: metrics }],
    };
  }
}
