import type { FactoryProvider, Type } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from './tokens';

/**
 * The one way a repository (a class whose constructor takes the pg Pool) becomes a NestJS
 * provider: injected where it is used, never `new`ed by its user, so a test can hand a
 * service a repository over its own database.
 */
export function repositoryProvider<T>(repository: Type<T> & (new (db: Pool) => T)): FactoryProvider<T> {
  return { provide: repository, inject: [PG_POOL], useFactory: (db: Pool) => new repository(db) };
}
