import type { AttributedPositionEventRecord, PositionEventRecord } from '@lib/kafka';

/** What attribution learns about a position, once: it never changes afterwards. */
export interface AttributedPosition {
  positionManager: string;
  tokenId: string;
  dex: string;
  pool: string;
  token0: string;
  token1: string;
  fee: number;
  tickLower: number;
  tickUpper: number;
  /** How it was found: the manager's `positions` at a block, or the pool's Mint log in the minting transaction. */
  source: 'positions' | 'mint-log';
}

/** The registry key of a position: token ids overlap between managers, so both are needed. */
export const positionKey = (positionManager: string, tokenId: string) => `${positionManager.toLowerCase()}:${tokenId}`;

export function attributeEvent(event: PositionEventRecord, p: AttributedPosition): AttributedPositionEventRecord {
  return {
    ...event,
    pool: p.pool,
    positionManager: p.positionManager,
    dex: p.dex,
    token0: p.token0,
    token1: p.token1,
    fee: p.fee,
    positionTickLower: p.tickLower,
    positionTickUpper: p.tickUpper,
  };
}

/** The emitting manager and DEX as the indexer recorded them in the row's metadata, if it did. */
export function managerFromMetadata(metadata: string | null): { positionManager?: string; dex?: string } {
  if (!metadata) return {};
  try {
    const m = JSON.parse(metadata) as Record<string, unknown>;
    return {
      positionManager: typeof m.positionManager === 'string' ? m.positionManager.toLowerCase() : undefined,
      dex: typeof m.dex === 'string' ? m.dex : undefined,
    };
  } catch {
    return {};
  }
}

/** Why an event cannot be attributed from its own fields; undefined when it can be tried. */
export function invalidEventReason(e: PositionEventRecord): string | undefined {
  if (!/^\d+$/.test(e.tokenId)) return `tokenId "${e.tokenId}" is not a non-negative integer`;
  if (!/^0x[0-9a-fA-F]{64}$/.test(e.txHash)) return `txHash "${e.txHash}" is not a transaction hash`;
  if (!Number.isInteger(e.blockNumber) || e.blockNumber < 0) return `blockNumber ${e.blockNumber} is invalid`;
  if (!Number.isInteger(e.logIndex) || e.logIndex < 0) return `logIndex ${e.logIndex} is invalid`;
  return undefined;
}
