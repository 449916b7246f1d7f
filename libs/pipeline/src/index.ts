export * from './step-graph';
export * from './step-results';
