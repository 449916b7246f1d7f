export * from './step-handler';
export * from './batch-processor';
export * from './offset-manager';
export * from './batch-runner';
export * from './batch-server';
export * from './record-screen';
export * from './rethrow-rpc-exception.filter';
