export * from './step-graph';
export * from './step-results';
export * from './end-marker-origin.repository';
