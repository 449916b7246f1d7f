import type { Pool, QueryResultRow } from 'pg';
import { loadConfig } from '@lib/config';
import { AvroCodec, attributedPositionEventSchema, createKafka, createProducer, poolEventSchema, positionEventSchema, topicNames } from '@lib/kafka';
import { STEPS, type TopicKey } from '@lib/pipeline';
import { toPoolEventRecord, toPositionEventRecord, type SourceRow } from '../../apps/admin/src/replay/source-row.mapper';

/** A record with one impossible value (valid Avro), the reason the DLQ must give, and the steps that must reject it. */
export interface Poison {
  topic: TopicKey;
  key: string;
  value: object;
  id: string;
  reason: RegExp;
  steps: string[];
}

const stepsReading = (topic: TopicKey, running: readonly string[]) => STEPS.filter((s) => s.input === topic && running.includes(s.name)).map((s) => s.name);
const SCHEMAS = { positionEvents: positionEventSchema, attributedPositionEvents: attributedPositionEventSchema, poolEvents: poolEventSchema } as const;

async function one<R extends QueryResultRow = SourceRow>(db: Pool, sql: string): Promise<R> {
  const { rows } = await db.query<R>(sql);
  if (!rows[0]) throw new Error(`the test chain has no row for: ${sql}`);
  return rows[0];
}

/**
 * Four poison records per input topic, each a real source row with a fresh id and one
 * impossible value: a negative liquidity, an amount that is no integer, a tick outside
 * Uniswap's range, a block after the newest source row. `running`: the steps of the run,
 * which must each reject the records of their input topic.
 */
export async function poisonRecords(db: Pool, running: readonly string[]): Promise<Poison[]> {
  // As a replay page gives them: with their block's time (the full-shape fixture's rows carry it).
  const paged = (row: Record<string, unknown>) => ({ ...row, blockTime: row.timestamp });
  const increase = toPositionEventRecord(
    paged(
      await one(db, `SELECT * FROM "PositionEvent" WHERE "eventType" IN ('MINT', 'INCREASE') AND metadata IS NOT NULL ORDER BY "blockNumber" DESC LIMIT 1`),
    ),
  );
  const collect = toPositionEventRecord(
    paged(await one(db, `SELECT * FROM "PositionEvent" WHERE "eventType" = 'COLLECT' AND metadata IS NOT NULL ORDER BY "blockNumber" DESC LIMIT 1`)),
  );
  const swap = toPoolEventRecord(paged(await one(db, `SELECT * FROM "PoolEvent" WHERE "eventName" = 'Swap' ORDER BY "blockNumber" DESC LIMIT 1`)));
  const pool = await one<{ address: string; token0: string; token1: string; fee: number }>(
    db,
    `SELECT address, token0, token1, fee FROM "Pool" ORDER BY address LIMIT 1`,
  );
  const newest = await one<{ position: number | null; pool: number | null }>(
    db,
    `SELECT (SELECT max("blockNumber") FROM "PositionEvent") AS position, (SELECT max("blockNumber") FROM "PoolEvent") AS pool`,
  );
  const manager = JSON.parse(increase.metadata!).positionManager as string;
  const attributed = <T extends object>(e: T) => ({
    ...e,
    pool: pool.address,
    positionManager: manager,
    dex: 'enosys',
    token0: pool.token0,
    token1: pool.token1,
    fee: pool.fee,
    positionTickLower: -600,
    positionTickUpper: 600,
  });

  let n = 0;
  const poison = (topic: TopicKey, key: string, value: { txHash: string } & Record<string, unknown>, reason: RegExp): Poison => {
    const logIndex = 90_000 + n++;
    const id = `${value.txHash}:${logIndex}`;
    return { topic, key, value: { ...value, id, logIndex }, id, reason, steps: stepsReading(topic, running) };
  };
  const future = (block: number) => new RegExp(`blockNumber ${block} is after the newest source row's block`);
  const positionKey = `${manager}:${increase.tokenId}`;
  return [
    poison('positionEvents', increase.tokenId, { ...increase, liquidityDelta: '-5' }, /liquidityDelta -5 is negative/),
    poison('positionEvents', collect.tokenId, { ...collect, amount0: '12.5' }, /amount0 "12.5" is not an integer/),
    poison('positionEvents', collect.tokenId, { ...collect, tick: 887_273 }, /tick 887273 is outside/),
    poison('positionEvents', increase.tokenId, { ...increase, blockNumber: Number(newest.position) + 1000 }, future(Number(newest.position) + 1000)),
    poison('attributedPositionEvents', positionKey, attributed({ ...increase, liquidityDelta: '-1' }), /liquidityDelta -1 is negative/),
    poison('attributedPositionEvents', positionKey, attributed({ ...collect, amount1: 'abc' }), /amount1 "abc" is not an integer/),
    poison('attributedPositionEvents', positionKey, { ...attributed(increase), positionTickUpper: 887_273 }, /positionTickUpper 887273 is outside/),
    poison(
      'attributedPositionEvents',
      positionKey,
      attributed({ ...increase, blockNumber: Number(newest.position) + 1000 }),
      future(Number(newest.position) + 1000),
    ),
    poison('poolEvents', swap.pool, { ...swap, liquidity: '-1' }, /liquidity -1 is negative/),
    poison('poolEvents', swap.pool, { ...swap, amount0: '1.5e3' }, /amount0 "1.5e3" is not an integer/),
    poison('poolEvents', swap.pool, { ...swap, tick: -887_273 }, /tick -887273 is outside/),
    poison('poolEvents', swap.pool, { ...swap, blockNumber: Number(newest.pool) + 1000 }, future(Number(newest.pool) + 1000)),
  ];
}

/** Sends the records onto the pipeline's topics under `prefix`, Avro-encoded with each topic's registered schema. */
export async function sendPoison(prefix: string, records: Poison[]): Promise<void> {
  const config = loadConfig();
  const topics = topicNames(prefix);
  const codec = AvroCodec.connect(config.schemaRegistryUrl);
  const producer = createProducer(createKafka(config));
  await producer.connect();
  try {
    for (const p of records) {
      const topic = topics[p.topic];
      const schemaId = await codec.register(`${topic}-value`, SCHEMAS[p.topic as keyof typeof SCHEMAS]);
      await producer.send({ topic, acks: -1, messages: [{ key: p.key, value: codec.encode(schemaId, p.value) }] });
    }
  } finally {
    await producer.disconnect();
  }
}
