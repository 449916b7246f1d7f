export * from './backoff';
export * from './deadline';
export * from './error-class';
export * from './expiring-cache';
export * from './retry';
