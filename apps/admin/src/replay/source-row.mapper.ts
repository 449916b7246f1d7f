import type { PoolEventRecord, PositionEventRecord } from '@lib/kafka';

/** A row as pg returns it (ints as numbers, jsonb parsed, decimal strings as text). */
export type SourceRow = Record<string, unknown>;

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const int = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/**
 * The block time of a row (`blockTime`, joined from `block_time` by the page query); a row whose
 * block has none (written after the run's prepare phase) gets -1, which the steps' input screen
 * rejects to the DLQ ("timestamp -1 is not a non-negative integer"). Never the row's own column:
 * production's are scan-window middles or indexing times (DESIGN.md §2).
 */
const blockTimeOf = (r: SourceRow): number => (r.blockTime === null || r.blockTime === undefined ? -1 : Number(r.blockTime));

/** A DECREASE's delta in the full shape's sign (production stores the log's positive liquidity). */
function decreaseDelta(delta: string | null): string | null {
  return delta !== null && /^[1-9]\d*$/.test(delta) ? `-${delta}` : delta;
}

const metadataOf = (metadata: unknown, manager: unknown): string | null => {
  if (metadata !== null && metadata !== undefined) return JSON.stringify(metadata);
  // A lifecycle record made from a "PositionTransfer" knows its manager ("nfpmAddress"); the DEX name only the full shape writes.
  return typeof manager === 'string' && manager !== '' ? JSON.stringify({ positionManager: manager.toLowerCase() }) : null;
};

/**
 * A position page row → the Avro record in the full shape's terms (docs/indexer.md "Two shapes"),
 * so the steps see the same records from either shape:
 * - `timestamp` = the block's time (`blockTime`);
 * - an INCREASE with `mintOwner` (the page query found the position's mint transfer, from the zero
 *   address, earlier in its transaction, and no increase between) is the MINT, `owner` = its `to`;
 * - a positive DECREASE `liquidityDelta` is made negative;
 * - a `burn` row (a "PositionTransfer" to the zero address with no "PositionEvent" of its id, from
 *   the run's `replay_burn`) is the BURN the full shape writes: `owner` = the transfer's `from`.
 * Everything else travels unchanged: a row that is still wrong is rejected by the input screen.
 */
export function toPositionEventRecord(r: SourceRow): PositionEventRecord {
  const type = String(r.eventType);
  const isMint = type === 'INCREASE' && r.mintOwner !== null && r.mintOwner !== undefined;
  const eventType = isMint ? 'MINT' : type;
  const delta = str(r.liquidityDelta);
  return {
    id: String(r.id),
    tokenId: String(r.tokenId),
    pool: String(r.pool ?? 'unknown'),
    blockNumber: Number(r.blockNumber),
    txHash: String(r.txHash),
    logIndex: Number(r.logIndex),
    timestamp: blockTimeOf(r),
    eventType,
    sender: str(r.sender),
    owner: isMint ? String(r.mintOwner).toLowerCase() : str(r.owner),
    recipient: str(r.recipient),
    tickLower: int(r.tickLower),
    tickUpper: int(r.tickUpper),
    tick: int(r.tick),
    liquidityDelta: eventType === 'DECREASE' ? decreaseDelta(delta) : delta,
    amount0: str(r.amount0),
    amount1: str(r.amount1),
    sqrtPriceX96: str(r.sqrtPriceX96),
    price1Per0: num(r.price1Per0),
    usdValue: num(r.usdValue),
    metadata: metadataOf(r.metadata, isMint ? r.mintManager : eventType === 'BURN' ? r.burnManager : undefined),
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
    timestamp: blockTimeOf(r),
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
