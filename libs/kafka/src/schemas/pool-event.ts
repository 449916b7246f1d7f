import type { RawAvroSchema } from '@kafkajs/confluent-schema-registry/dist/@types';
import { nullable } from './avro-fields';

/** A "PoolEvent" row as it travels on Kafka; amounts stay decimal strings (raw integers). */
export interface PoolEventRecord {
  id: string;
  pool: string;
  blockNumber: number;
  txHash: string;
  logIndex: number;
  timestamp: number;
  eventName: string;
  sender: string | null;
  owner: string | null;
  recipient: string | null;
  tickLower: number | null;
  tickUpper: number | null;
  amount: string | null;
  amount0: string | null;
  amount1: string | null;
  sqrtPriceX96: string | null;
  liquidity: string | null;
  tick: number | null;
}

export const poolEventSchema: RawAvroSchema = {
  type: 'record',
  name: 'PoolEvent',
  namespace: 'lp.enrichment.v1',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'pool', type: 'string' },
    { name: 'blockNumber', type: 'long' },
    { name: 'txHash', type: 'string' },
    { name: 'logIndex', type: 'int' },
    { name: 'timestamp', type: 'long' },
    { name: 'eventName', type: 'string' },
    { name: 'sender', ...nullable('string') },
    { name: 'owner', ...nullable('string') },
    { name: 'recipient', ...nullable('string') },
    { name: 'tickLower', ...nullable('int') },
    { name: 'tickUpper', ...nullable('int') },
    { name: 'amount', ...nullable('string') },
    { name: 'amount0', ...nullable('string') },
    { name: 'amount1', ...nullable('string') },
    { name: 'sqrtPriceX96', ...nullable('string') },
    { name: 'liquidity', ...nullable('string') },
    { name: 'tick', ...nullable('int') },
  ],
};
