export * from './tokens';
export * from './platform.module';
