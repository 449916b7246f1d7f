export * from './backoff';
export * from './deadline';
export * from './expiring-cache';
