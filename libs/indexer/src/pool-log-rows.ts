/**
 * Pool logs → "PoolEvent" rows (pure): each field as the log has it, amounts as decimal
 * strings (Swap amounts signed: positive = into the pool), addresses lowercase.
 */
import type { Address } from 'viem';
import { logPosition, skippedLog, type LogPositionFields, type SkippedLog } from './log-position';
import type { PoolEventName, PoolEventRow } from './source-rows';

/** A decoded log of `uniswapV3PoolEvents` (viem's decoded logs fit this shape). */
export type PoolLog = LogPositionFields &
  (
    | { eventName: 'Initialize'; args: { sqrtPriceX96: bigint; tick: number } }
    | { eventName: 'Mint'; args: { sender: Address; owner: Address; tickLower: number; tickUpper: number; amount: bigint; amount0: bigint; amount1: bigint } }
    | { eventName: 'Burn'; args: { owner: Address; tickLower: number; tickUpper: number; amount: bigint; amount0: bigint; amount1: bigint } }
    | {
        eventName: 'Swap';
        args: { sender: Address; recipient: Address; amount0: bigint; amount1: bigint; sqrtPriceX96: bigint; liquidity: bigint; tick: number };
      }
    | { eventName: 'Collect'; args: { owner: Address; recipient: Address; tickLower: number; tickUpper: number; amount0: bigint; amount1: bigint } }
    | { eventName: 'Flash'; args: { sender: Address; recipient: Address; amount0: bigint; amount1: bigint; paid0: bigint; paid1: bigint } }
  );

type PoolEventFacts = Omit<PoolEventRow, 'id' | 'pool' | 'blockNumber' | 'txHash' | 'logIndex' | 'timestamp' | 'eventName'>;

/** A "PoolEvent" row's decoded columns, all NULL: the start of every row, and the whole of a row whose log says nothing more. */
export const NO_FACTS: PoolEventFacts = {
  sender: null,
  owner: null,
  recipient: null,
  tickLower: null,
  tickUpper: null,
  amount: null,
  amount0: null,
  amount1: null,
  sqrtPriceX96: null,
  liquidity: null,
  tick: null,
};

const lower = (address: Address) => address.toLowerCase();

/** The columns each pool event fills. Flash's paid0/paid1 have no column in the production table. */
function poolEventFacts(log: PoolLog): PoolEventFacts {
  switch (log.eventName) {
    case 'Initialize':
      return { ...NO_FACTS, sqrtPriceX96: log.args.sqrtPriceX96.toString(), tick: log.args.tick };
    case 'Mint': {
      const a = log.args;
      return {
        ...NO_FACTS,
        sender: lower(a.sender),
        owner: lower(a.owner),
        tickLower: a.tickLower,
        tickUpper: a.tickUpper,
        amount: a.amount.toString(),
        amount0: a.amount0.toString(),
        amount1: a.amount1.toString(),
      };
    }
    case 'Burn': {
      const a = log.args;
      return {
        ...NO_FACTS,
        owner: lower(a.owner),
        tickLower: a.tickLower,
        tickUpper: a.tickUpper,
        amount: a.amount.toString(),
        amount0: a.amount0.toString(),
        amount1: a.amount1.toString(),
      };
    }
    case 'Swap': {
      const a = log.args;
      return {
        ...NO_FACTS,
        sender: lower(a.sender),
        recipient: lower(a.recipient),
        amount0: a.amount0.toString(),
        amount1: a.amount1.toString(),
        sqrtPriceX96: a.sqrtPriceX96.toString(),
        liquidity: a.liquidity.toString(),
        tick: a.tick,
      };
    }
    case 'Collect': {
      const a = log.args;
      return {
        ...NO_FACTS,
        owner: lower(a.owner),
        recipient: lower(a.recipient),
        tickLower: a.tickLower,
        tickUpper: a.tickUpper,
        amount0: a.amount0.toString(),
        amount1: a.amount1.toString(),
      };
    }
    case 'Flash': {
      const a = log.args;
      return { ...NO_FACTS, sender: lower(a.sender), recipient: lower(a.recipient), amount0: a.amount0.toString(), amount1: a.amount1.toString() };
    }
  }
}

const POOL_EVENT_NAMES: ReadonlySet<string> = new Set<PoolEventName>(['Initialize', 'Mint', 'Burn', 'Swap', 'Collect', 'Flash']);

/** One pool log → its "PoolEvent" row, or why it was skipped. */
export function poolLogRow(log: PoolLog, timestamps: ReadonlyMap<number, number>): PoolEventRow | SkippedLog {
  if (!POOL_EVENT_NAMES.has(log.eventName)) return skippedLog(log, `not a pool event: ${String(log.eventName)}`);
  const position = logPosition(log);
  if ('reason' in position) return skippedLog(log, position.reason);
  const timestamp = timestamps.get(position.blockNumber);
  if (timestamp === undefined) return skippedLog(log, `no timestamp for block ${position.blockNumber}`);
  return {
    id: position.id,
    pool: position.address,
    blockNumber: position.blockNumber,
    txHash: position.txHash,
    logIndex: position.logIndex,
    timestamp,
    eventName: log.eventName,
    ...poolEventFacts(log),
  };
}
