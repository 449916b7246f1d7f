import type { RawAvroSchema } from '@kafkajs/confluent-schema-registry/dist/@types';
import { nullable } from './avro-fields';

/** A "PositionEvent" row as it travels on Kafka; amounts stay decimal strings (raw integers). */
export interface PositionEventRecord {
  id: string;
  tokenId: string;
  pool: string;
  blockNumber: number;
  txHash: string;
  logIndex: number;
  timestamp: number;
  eventType: string;
  sender: string | null;
  owner: string | null;
  recipient: string | null;
  tickLower: number | null;
  tickUpper: number | null;
  tick: number | null;
  liquidityDelta: string | null;
  amount0: string | null;
  amount1: string | null;
  sqrtPriceX96: string | null;
  price1Per0: number | null;
  usdValue: number | null;
  /** The row's jsonb metadata, as JSON text. */
  metadata: string | null;
}

export const positionEventFields = [
  { name: 'id', type: 'string' },
  { name: 'tokenId', type: 'string' },
  { name: 'pool', type: 'string' },
  { name: 'blockNumber', type: 'long' },
  { name: 'txHash', type: 'string' },
  { name: 'logIndex', type: 'int' },
  { name: 'timestamp', type: 'long' },
  { name: 'eventType', type: 'string' },
  { name: 'sender', ...nullable('string') },
  { name: 'owner', ...nullable('string') },
  { name: 'recipient', ...nullable('string') },
  { name: 'tickLower', ...nullable('int') },
  { name: 'tickUpper', ...nullable('int') },
  { name: 'tick', ...nullable('int') },
  { name: 'liquidityDelta', ...nullable('string') },
  { name: 'amount0', ...nullable('string') },
  { name: 'amount1', ...nullable('string') },
  { name: 'sqrtPriceX96', ...nullable('string') },
  { name: 'price1Per0', ...nullable('double') },
  { name: 'usdValue', ...nullable('double') },
  { name: 'metadata', ...nullable('string') },
];

export const positionEventSchema: RawAvroSchema = {
  type: 'record',
  name: 'PositionEvent',
  namespace: 'lp.enrichment.v1',
  fields: positionEventFields,
};

/** A position event after pool attribution: the position is `(positionManager, tokenId)`. */
export interface AttributedPositionEventRecord extends PositionEventRecord {
  positionManager: string;
  dex: string;
  token0: string;
  token1: string;
  fee: number;
  positionTickLower: number;
  positionTickUpper: number;
}

export const attributedPositionEventSchema: RawAvroSchema = {
  type: 'record',
  name: 'AttributedPositionEvent',
  namespace: 'lp.enrichment.v1',
  fields: [
    ...positionEventFields,
    { name: 'positionManager', type: 'string' },
    { name: 'dex', type: 'string' },
    { name: 'token0', type: 'string' },
    { name: 'token1', type: 'string' },
    { name: 'fee', type: 'int' },
    { name: 'positionTickLower', type: 'int' },
    { name: 'positionTickUpper', type: 'int' },
  ],
};
