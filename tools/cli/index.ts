export * from './command';
export * from './format';
export * from './progress';
export * from './values';
