/** Factory `PoolCreated` logs → "Pool" rows (pure; the tokens' metadata is read beforehand). */
import type { Address } from 'viem';
import { logPosition, skippedLog, type LogPositionFields, type SkippedLog } from './log-position';
import type { PoolRow } from './source-rows';
import type { TokenMetadata } from './token-metadata';

/** A decoded `PoolCreated` log of `uniswapV3FactoryEvents`. */
export type PoolCreatedLog = LogPositionFields & {
  eventName: 'PoolCreated';
  args: { token0: Address; token1: Address; fee: number; tickSpacing: number; pool: Address };
};

/** Token address (lowercase) → its metadata. */
export type TokenMetadataByAddress = ReadonlyMap<string, TokenMetadata>;

export function poolCreatedLogRow(log: PoolCreatedLog, tokens: TokenMetadataByAddress): PoolRow | SkippedLog {
  const position = logPosition(log);
  if ('reason' in position) return skippedLog(log, position.reason);
  const token0 = log.args.token0.toLowerCase();
  const token1 = log.args.token1.toLowerCase();
  const meta0 = tokens.get(token0);
  const meta1 = tokens.get(token1);
  if (!meta0 || !meta1) return skippedLog(log, `no metadata read for token ${meta0 ? token1 : token0}`);
  return {
    address: log.args.pool.toLowerCase(),
    token0,
    token1,
    fee: log.args.fee,
    token0Symbol: meta0.symbol,
    token1Symbol: meta1.symbol,
    token0Name: meta0.name,
    token1Name: meta1.name,
    token0Decimals: meta0.decimals,
    token1Decimals: meta1.decimals,
    factory: position.address,
    blockNumber: position.blockNumber,
    txHash: position.txHash,
  };
}
