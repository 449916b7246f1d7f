import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { METRICS_REGISTRY, MetricsController } from '@lib/platform';
import { AdminMetrics } from './admin-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';

/** /metrics of the admin app, and the AdminMetrics the replay producer counts in. */
@Module({
  controllers: [MetricsController],
  providers: [AdminMetrics, { provide: METRICS_REGISTRY, inject: [AdminMetrics], useFactory: (m: AdminMetrics) => m.registry }],
  exports: [AdminMetrics],
})
export class AdminMetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
