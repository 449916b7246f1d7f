/** Injection tokens for the shared infrastructure clients. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const PG_POOL = Symbol('PG_POOL');
export const KAFKA = Symbol('KAFKA');
export const AVRO_CODEC = Symbol('AVRO_CODEC');
export const TOPIC_NAMES = Symbol('TOPIC_NAMES');
