export * from './backoff';
export * from './deadline';
