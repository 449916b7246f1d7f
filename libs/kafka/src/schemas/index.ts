export * from './position-event';
export * from './pool-event';
