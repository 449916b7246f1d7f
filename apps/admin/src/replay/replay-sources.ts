import type { TopicNames } from '@lib/kafka';
import { positionEventSchema, poolEventSchema } from '@lib/kafka';
import type { RawAvroSchema } from '@kafkajs/confluent-schema-registry/dist/@types';
import { toPoolEventRecord, toPositionEventRecord, type SourceRow } from './source-row.mapper';

/** A source table the replay streams, with its topic, key and record mapping. */
export interface ReplaySource {
  /** The table name, also the key of the run's cursor. */
  table: '"PositionEvent"' | '"PoolEvent"';
  cursorKey: 'PositionEvent' | 'PoolEvent';
  topic: string;
  schema: RawAvroSchema;
  /** Kafka key: keeps each position's (or pool's) records in one partition, in order. */
  keyOf(row: SourceRow): string;
  toRecord(row: SourceRow): object;
}

export function replaySources(topics: TopicNames): ReplaySource[] {
  return [
    {
      table: '"PositionEvent"',
      cursorKey: 'PositionEvent',
      topic: topics.positionEvents,
      schema: positionEventSchema,
      // By token id alone: the same id on two managers shares a partition, which keeps
      // each position's order before attribution tells the managers apart.
      keyOf: (r) => String(r.tokenId),
      toRecord: toPositionEventRecord,
    },
    {
      table: '"PoolEvent"',
      cursorKey: 'PoolEvent',
      topic: topics.poolEvents,
      schema: poolEventSchema,
      keyOf: (r) => String(r.pool).toLowerCase(),
      toRecord: toPoolEventRecord,
    },
  ];
}
