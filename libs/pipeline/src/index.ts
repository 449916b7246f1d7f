export * from './step-graph';
