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
      // Not an address: the emitting address in the receipt tells instead.
      positionManager: typeof m.positionManager === 'string' && /^0x[0-9a-fA-F]{40}$/.test(m.positionManager) ? m.positionManager.toLowerCase() : undefined,
      dex: typeof m.dex === 'string' ? m.dex : undefined,
    };
  } catch {
    return {};
  }
}
