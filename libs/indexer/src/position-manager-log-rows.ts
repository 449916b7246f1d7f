/**
 * Position manager logs → "PositionEvent" and "PositionTransfer" rows (pure).
 *
 * MINT vs INCREASE is decided inside the transaction: `mint()` emits the ERC-721
 * Transfer from the zero address and the IncreaseLiquidity of the new token in the
 * same transaction, so the first IncreaseLiquidity of a token whose mint Transfer is
 * in its transaction is the MINT, every other one an INCREASE. A transaction never
 * spans two blocks, hence never two windows: the decision needs neither earlier
 * windows nor the database, so it is the same for any window size, across resumes,
 * and when indexing starts after a position's mint (a "first increase seen" rule
 * would call that position's next increase a MINT).
 */
import type { Address } from 'viem';
import { logPosition, skippedLog, type LogPosition, type LogPositionFields, type SkippedLog } from './log-position';
import { UNKNOWN_POOL, type PositionEventRow, type PositionEventType, type PositionMetadata, type PositionTransferRow } from './source-rows';

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

interface LiquidityArgs {
  tokenId: bigint;
  liquidity: bigint;
  amount0: bigint;
  amount1: bigint;
}

/** A decoded log of `nonfungiblePositionManagerEvents` (viem's decoded logs fit this shape). */
export type PositionManagerLog = LogPositionFields &
  (
    | { eventName: 'IncreaseLiquidity'; args: LiquidityArgs }
    | { eventName: 'DecreaseLiquidity'; args: LiquidityArgs }
    | { eventName: 'Collect'; args: { tokenId: bigint; recipient: Address; amount0: bigint; amount1: bigint } }
    | { eventName: 'Transfer'; args: { from: Address; to: Address; tokenId: bigint } }
  );

export interface PositionManagerRows {
  positionEvents: PositionEventRow[];
  transfers: PositionTransferRow[];
  skipped: SkippedLog[];
}

export interface PositionManagerContext {
  /** The DEX's name, stored in metadata beside the manager. */
  dex: string;
  /** Block number → block timestamp (epoch seconds), for every block of the logs. */
  timestamps: ReadonlyMap<number, number>;
}

/** Chain order: block, then log index (pending logs last; they are skipped anyway). */
export function compareChainOrder(a: LogPositionFields, b: LogPositionFields): number {
  const blockA = a.blockNumber ?? BigInt(Number.MAX_SAFE_INTEGER);
  const blockB = b.blockNumber ?? BigInt(Number.MAX_SAFE_INTEGER);
  if (blockA !== blockB) return blockA < blockB ? -1 : 1;
  return (a.logIndex ?? Number.MAX_SAFE_INTEGER) - (b.logIndex ?? Number.MAX_SAFE_INTEGER);
}

/** The position's identity across DEXes: token ids overlap, the emitting manager does not. */
function positionKey(txHash: string, manager: string, tokenId: bigint): string {
  return `${txHash}|${manager}|${tokenId}`;
}

/**
 * Maps all logs of one or more managers for whole transactions (a window of blocks).
 * Rows come out in chain order.
 */
export function positionManagerLogRows(logs: readonly PositionManagerLog[], context: PositionManagerContext): PositionManagerRows {
  const ordered = [...logs].sort(compareChainOrder);
  const out: PositionManagerRows = { positionEvents: [], transfers: [], skipped: [] };

  // The mint Transfer of each (tx, manager, token): its recipient is the MINT's owner.
  const mintRecipients = new Map<string, string>();
  for (const log of ordered) {
    if (log.eventName !== 'Transfer' || log.transactionHash === null) continue;
    if (log.args.from.toLowerCase() !== ZERO_ADDRESS) continue;
    mintRecipients.set(positionKey(log.transactionHash.toLowerCase(), log.address.toLowerCase(), log.args.tokenId), log.args.to.toLowerCase());
  }
  const increased = new Set<string>();

  for (const log of ordered) {
    const position = logPosition(log);
    if ('reason' in position) {
      out.skipped.push(skippedLog(log, position.reason));
      continue;
    }
    const timestamp = context.timestamps.get(position.blockNumber);
    if (timestamp === undefined) {
      out.skipped.push(skippedLog(log, `no timestamp for block ${position.blockNumber}`));
      continue;
    }
    const metadata: PositionMetadata = { positionManager: position.address, dex: context.dex };
    const base = { position, timestamp, metadata };

    switch (log.eventName) {
      case 'IncreaseLiquidity': {
        const key = positionKey(position.txHash, position.address, log.args.tokenId);
        const mintedTo = mintRecipients.get(key);
        const isMint = mintedTo !== undefined && !increased.has(key);
        increased.add(key);
        out.positionEvents.push(
          positionEventRow(base, log.args.tokenId, isMint ? 'MINT' : 'INCREASE', {
            owner: isMint ? mintedTo : null,
            liquidityDelta: log.args.liquidity.toString(),
            amount0: log.args.amount0.toString(),
            amount1: log.args.amount1.toString(),
          }),
        );
        break;
      }
      case 'DecreaseLiquidity':
        out.positionEvents.push(
          positionEventRow(base, log.args.tokenId, 'DECREASE', {
            liquidityDelta: (-log.args.liquidity).toString(),
            amount0: log.args.amount0.toString(),
            amount1: log.args.amount1.toString(),
          }),
        );
        break;
      case 'Collect':
        out.positionEvents.push(
          positionEventRow(base, log.args.tokenId, 'COLLECT', {
            recipient: log.args.recipient.toLowerCase(),
            amount0: log.args.amount0.toString(),
            amount1: log.args.amount1.toString(),
          }),
        );
        break;
      case 'Transfer': {
        const from = log.args.from.toLowerCase();
        const to = log.args.to.toLowerCase();
        out.transfers.push({
          id: position.id,
          tokenId: log.args.tokenId.toString(),
          from,
          to,
          blockNumber: position.blockNumber,
          txHash: position.txHash,
          logIndex: position.logIndex,
          timestamp,
          metadata,
          nfpmAddress: position.address,
        });
        // `burn()` transfers the token to the zero address; a plain transfer is only a PositionTransfer.
        if (to === ZERO_ADDRESS && from !== ZERO_ADDRESS) {
          out.positionEvents.push(positionEventRow(base, log.args.tokenId, 'BURN', { owner: from }));
        }
        break;
      }
      default: {
        const unknown = log as { eventName?: string };
        out.skipped.push(skippedLog(log, `not a position manager event: ${String(unknown.eventName)}`));
      }
    }
  }
  return out;
}

interface RowBase {
  position: LogPosition;
  timestamp: number;
  metadata: PositionMetadata;
}

type EventFacts = Partial<Pick<PositionEventRow, 'owner' | 'recipient' | 'liquidityDelta' | 'amount0' | 'amount1'>>;

function positionEventRow(base: RowBase, tokenId: bigint, eventType: PositionEventType, facts: EventFacts): PositionEventRow {
  const { position, timestamp, metadata } = base;
  return {
    id: position.id,
    tokenId: tokenId.toString(),
    pool: UNKNOWN_POOL,
    blockNumber: position.blockNumber,
    txHash: position.txHash,
    logIndex: position.logIndex,
    timestamp,
    eventType,
    sender: null,
    owner: facts.owner ?? null,
    recipient: facts.recipient ?? null,
    tickLower: null,
    tickUpper: null,
    tick: null,
    liquidityDelta: facts.liquidityDelta ?? null,
    amount0: facts.amount0 ?? null,
    amount1: facts.amount1 ?? null,
    sqrtPriceX96: null,
    price1Per0: null,
    usdValue: null,
    metadata,
  };
}
