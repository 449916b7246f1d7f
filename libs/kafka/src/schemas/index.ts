export * from './position-event';
export * from './pool-event';
export * from './record-checks';
