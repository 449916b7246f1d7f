export * from './kafka-client';
export * from './topics';
export * from './avro-codec';
export * from './control-record';
export * from './partition-of-key';
export * from './dead-letter';
export * from './schemas';
