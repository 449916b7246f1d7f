import type { PoolEventRecord, PositionEventRecord } from '@lib/kafka';

/** A row as pg returns it (ints as numbers, jsonb parsed, decimal strings as text). */
export type SourceRow = Record<string, unknown>;

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const int = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** "PositionEvent" row → the Avro record, unchanged in meaning. */
export function toPositionEventRecord(r: SourceRow): PositionEventRecord {
  return {
    id: String(r.id),
    tokenId: String(r.tokenId),
    pool: String(r.pool ?? 'unknown'),
    blockNumber: Number(r.blockNumber),
    txHash: String(r.txHash),
    logIndex: Number(r.logIndex),
    timestamp: Number(r.timestamp),
    eventType: String(r.eventType),
    sender: str(r.sender),
    owner: str(r.owner),
    recipient: str(r.recipient),
    tickLower: int(r.tickLower),
    tickUpper: int(r.tickUpper),
    tick: int(r.tick),
    liquidityDelta: str(r.liquidityDelta),
    amount0: str(r.amount0),
    amount1: str(r.amount1),
    sqrtPriceX96: str(r.sqrtPriceX96),
    price1Per0: num(r.price1Per0),
    usdValue: num(r.usdValue),
    metadata: r.metadata === null || r.metadata === undefined ? null : JSON.stringify(r.metadata),
  };
}

/** "PoolEvent" row → the Avro record. */
export function toPoolEventRecord(r: SourceRow): PoolEventRecord {
  return {
    id: String(r.id),
    pool: String(r.pool),
    blockNumber: Number(r.blockNumber),
    txHash: String(r.txHash),
    logIndex: Number(r.logIndex),
    timestamp: Number(r.timestamp),
    // The column is nullable, the Avro field is not: '' stands for null, and the steps' input screen rejects it.
    eventName: str(r.eventName) ?? '',
    sender: str(r.sender),
    owner: str(r.owner),
    recipient: str(r.recipient),
    tickLower: int(r.tickLower),
    tickUpper: int(r.tickUpper),
    amount: str(r.amount),
    amount0: str(r.amount0),
    amount1: str(r.amount1),
    sqrtPriceX96: str(r.sqrtPriceX96),
    liquidity: str(r.liquidity),
    tick: int(r.tick),
  };
}
