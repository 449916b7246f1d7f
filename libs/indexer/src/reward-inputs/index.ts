export * from './import-reward-inputs';
export * from './incentive-snapshots';
export * from './input-file';
export * from './input-record';
export * from './pool-incentive-row';
export * from './rflr-allocation-row';
export * from './manifest-reward-inputs';
