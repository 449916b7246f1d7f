import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Registry } from 'prom-client';

/** The prom-client registry a service's /metrics serves; each app provides its own. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/** GET /metrics: the Prometheus text format of the app's registry. */
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @Header('content-type', Registry.PROMETHEUS_CONTENT_TYPE)
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
