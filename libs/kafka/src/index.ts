export * from './kafka-client';
export * from './topics';
export * from './avro-codec';
export * from './control-record';
export * from './dead-letter';
export * from './schemas';
