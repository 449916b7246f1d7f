import type { AttributedPositionEventRecord } from '@lib/kafka';

/** What a position row says of the event it is as of: its id, position, pool, chain point and range. */
export interface PositionEventRef {
  id: string;
  positionManager: string;
  tokenId: string;
  pool: string;
  blockNumber: number;
  logIndex: number;
  tickLower: number;
  tickUpper: number;
}

/** The event reference of an attributed record (the manager lowercase, as the result tables store it). */
export function positionEventRef(e: AttributedPositionEventRecord): PositionEventRef {
  return {
    id: e.id,
    positionManager: e.positionManager.toLowerCase(),
    tokenId: e.tokenId,
    pool: e.pool,
    blockNumber: e.blockNumber,
    logIndex: e.logIndex,
    tickLower: e.positionTickLower,
    tickUpper: e.positionTickUpper,
  };
}
