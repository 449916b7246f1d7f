export * from './tokens';
export * from './platform.module';
export * from './health.module';
export * from './metrics.controller';
export * from './log-line';
export * from './json-logger';
export * from './kafka-log';
export * from './repository.provider';
