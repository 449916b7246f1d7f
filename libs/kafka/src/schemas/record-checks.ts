import { MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK } from '@lib/v3-math';
import type { PoolEventRecord } from './pool-event';
import type { AttributedPositionEventRecord, PositionEventRecord } from './position-event';

/**
 * What makes a record on a step's input topic impossible, whatever the step: a value no
 * chain log can have (a non-integer amount, a negative liquidity added, a tick outside
 * Uniswap's range) or a field an event of its type always has that is missing. Pure;
 * the runtime sends a record with a problem to the DLQ before the step sees it, and the
 * step can rely on the rest (e.g. `BigInt(amount0)` cannot throw).
 */

/** Each function returns the first problem found, as "<kind> <id>: <problem>", or undefined. */
export type RecordCheck<T> = (record: T) => string | undefined;

const UINT128 = 1n << 128n;
const UINT256 = 1n << 256n;
const INTEGER = /^-?\d{1,78}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const TX_HASH = /^0x[0-9a-fA-F]{64}$/;
const POSITION_EVENT_TYPES = new Set(['MINT', 'INCREASE', 'DECREASE', 'COLLECT', 'BURN', 'SWAP', 'OTHER']);

type Fields = Record<string, unknown>;

/** A decimal-string field: absent, or an integer whose magnitude is below `bound` (and not negative when `unsigned`). */
function integerProblem(fields: Fields, name: string, bound: bigint, unsigned: boolean): string | undefined {
  const v = fields[name];
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'string' || !INTEGER.test(v)) return `${name} ${JSON.stringify(v)} is not an integer`;
  const n = BigInt(v);
  if (unsigned && n < 0n) return `${name} ${v} is negative`;
  if ((n < 0n ? -n : n) >= bound) return `${name} ${v} is out of range`;
  return undefined;
}

function tickProblem(fields: Fields, name: string): string | undefined {
  const v = fields[name];
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < MIN_TICK || v > MAX_TICK) return `${name} ${v} is outside [${MIN_TICK}, ${MAX_TICK}]`;
  return undefined;
}

function rangeProblem(fields: Fields, lower: string, upper: string): string | undefined {
  const problem = tickProblem(fields, lower) ?? tickProblem(fields, upper);
  if (problem) return problem;
  const [l, u] = [fields[lower], fields[upper]];
  if (typeof l === 'number' && typeof u === 'number' && l >= u) return `${lower} ${l} is not below ${upper} ${u}`;
  return undefined;
}

function sqrtPriceProblem(fields: Fields): string | undefined {
  const problem = integerProblem(fields, 'sqrtPriceX96', UINT256, true);
  if (problem || fields.sqrtPriceX96 === null || fields.sqrtPriceX96 === undefined) return problem;
  const v = BigInt(fields.sqrtPriceX96 as string);
  if (v < MIN_SQRT_RATIO || v >= MAX_SQRT_RATIO) return `sqrtPriceX96 ${v} is outside Uniswap's price range`;
  return undefined;
}

function required(fields: Fields, names: readonly string[], what: string): string | undefined {
  const missing = names.filter((n) => fields[n] === null || fields[n] === undefined);
  return missing.length ? `${missing.join(', ')} missing, which every ${what} has` : undefined;
}

/** Chain position of a row: the same rules for every kind. */
function chainPositionProblem(r: { txHash: string; blockNumber: number; logIndex: number; timestamp: number }): string | undefined {
  if (!TX_HASH.test(r.txHash)) return `txHash ${JSON.stringify(r.txHash)} is not a transaction hash`;
  for (const name of ['blockNumber', 'logIndex', 'timestamp'] as const) {
    if (!Number.isSafeInteger(r[name]) || r[name] < 0) return `${name} ${r[name]} is not a non-negative integer`;
  }
  return undefined;
}

const first = (...checks: (() => string | undefined)[]): string | undefined => {
  for (const check of checks) {
    const problem = check();
    if (problem) return problem;
  }
  return undefined;
};

const labelled = (kind: string, id: string, problem: string | undefined) => (problem ? `${kind} ${id}: ${problem}` : undefined);

function positionEventFieldsProblem(r: PositionEventRecord): string | undefined {
  const f = r as unknown as Fields;
  const type = r.eventType;
  return first(
    () => (/^\d{1,78}$/.test(r.tokenId) && BigInt(r.tokenId) < UINT256 ? undefined : `tokenId ${JSON.stringify(r.tokenId)} is not a token id`),
    () => chainPositionProblem(r),
    () => (POSITION_EVENT_TYPES.has(type) ? undefined : `eventType ${JSON.stringify(type)} is not one of ${[...POSITION_EVENT_TYPES].join(', ')}`),
    () => rangeProblem(f, 'tickLower', 'tickUpper') ?? tickProblem(f, 'tick'),
    () => sqrtPriceProblem(f),
    // Liquidity is added by MINT/INCREASE (never negative) and removed by DECREASE (stored signed).
    () => integerProblem(f, 'liquidityDelta', UINT128, type === 'MINT' || type === 'INCREASE'),
    // Amounts of the position manager's events are unsigned; other types' are only checked to be integers.
    () =>
      integerProblem(f, 'amount0', UINT256, type !== 'SWAP' && type !== 'OTHER') ?? integerProblem(f, 'amount1', UINT256, type !== 'SWAP' && type !== 'OTHER'),
    () => (type === 'MINT' || type === 'INCREASE' || type === 'DECREASE' ? required(f, ['liquidityDelta', 'amount0', 'amount1'], type) : undefined),
    () => (type === 'COLLECT' ? required(f, ['amount0', 'amount1'], 'COLLECT') : undefined),
  );
}

export const positionEventProblem: RecordCheck<PositionEventRecord> = (r) => labelled('PositionEvent', r.id, positionEventFieldsProblem(r));

export const attributedPositionEventProblem: RecordCheck<AttributedPositionEventRecord> = (r) => {
  const f = r as unknown as Fields;
  return labelled(
    'PositionEvent',
    r.id,
    first(
      () => positionEventFieldsProblem(r),
      () => {
        const bad = (['positionManager', 'pool', 'token0', 'token1'] as const).find((n) => !ADDRESS.test(r[n]));
        return bad ? `${bad} ${JSON.stringify(r[bad])} is not an address` : undefined;
      },
      () => (Number.isInteger(r.fee) && r.fee >= 0 && r.fee < 1_000_000 ? undefined : `fee ${r.fee} is not a fee tier (0 to 999999 hundredths of a bip)`),
      () => rangeProblem(f, 'positionTickLower', 'positionTickUpper'),
    ),
  );
};

/** Fields every pool log of a kind has (as the indexer writes them from the log). */
const POOL_EVENT_FIELDS: Record<string, readonly string[]> = {
  Initialize: ['sqrtPriceX96', 'tick'],
  Mint: ['amount', 'amount0', 'amount1'],
  Burn: ['amount', 'amount0', 'amount1'],
  Swap: ['amount0', 'amount1', 'sqrtPriceX96', 'liquidity', 'tick'],
  Collect: ['amount0', 'amount1'],
  Flash: ['amount0', 'amount1'],
};

export const poolEventProblem: RecordCheck<PoolEventRecord> = (r) => {
  const f = r as unknown as Fields;
  const name = r.eventName;
  return labelled(
    'PoolEvent',
    r.id,
    first(
      () => (ADDRESS.test(r.pool) ? undefined : `pool ${JSON.stringify(r.pool)} is not an address`),
      () => chainPositionProblem(r),
      () => (name ? undefined : 'eventName is missing'),
      () => rangeProblem(f, 'tickLower', 'tickUpper') ?? tickProblem(f, 'tick'),
      () => sqrtPriceProblem(f),
      () => integerProblem(f, 'liquidity', UINT128, true) ?? integerProblem(f, 'amount', UINT128, true),
      // Only a Swap's amounts are signed (into the pool positive, out negative).
      () => integerProblem(f, 'amount0', UINT256, name !== 'Swap') ?? integerProblem(f, 'amount1', UINT256, name !== 'Swap'),
      () => (POOL_EVENT_FIELDS[name] ? required(f, POOL_EVENT_FIELDS[name], name) : undefined),
    ),
  );
};
