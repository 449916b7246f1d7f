import { Controller, Get, Inject, Injectable, Module } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { withDeadline } from '@lib/common';
import type { AppConfig } from '@lib/config';
import { APP_CONFIG, KAFKA, PG_POOL } from './tokens';

const TIMEOUT_MS = 3_000;

const withTimeout = <T>(p: Promise<T>, what: string): Promise<T> => withDeadline(p, TIMEOUT_MS, what);

/** Whether this service can reach what it depends on: PostgreSQL, Kafka and the schema registry. */
@Injectable()
export class DependencyHealth {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(KAFKA) private readonly kafkaClient: Kafka,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async postgres() {
    const s = this.indicators.check('postgres');
    try {
      await withTimeout(this.pool.query('SELECT 1'), 'postgres');
      return s.up();
    } catch (err) {
      return s.down({ message: (err as Error).message });
    }
  }

  async kafka() {
    const s = this.indicators.check('kafka');
    const admin = this.kafkaClient.admin({ retry: { retries: 0 } });
    try {
      await withTimeout(admin.connect(), 'kafka');
      const cluster = await withTimeout(admin.describeCluster(), 'kafka');
      return s.up({ brokers: cluster.brokers.length });
    } catch (err) {
      return s.down({ message: (err as Error).message });
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  async registry() {
    const s = this.indicators.check('registry');
    try {
      const res = await fetch(`${this.config.schemaRegistryUrl}/subjects`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      return res.ok ? s.up() : s.down({ message: `HTTP ${res.status}` });
    } catch (err) {
      return s.down({ message: (err as Error).message });
    }
  }
}

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly deps: DependencyHealth,
  ) {}

  /** 200 when PostgreSQL, Kafka and the registry answer; 503 with the failing one otherwise. */
  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.deps.postgres(), () => this.deps.kafka(), () => this.deps.registry()]);
  }
}

@Module({ imports: [TerminusModule.forRoot({ logger: false })], controllers: [HealthController], providers: [DependencyHealth] })
export class HealthModule {}
