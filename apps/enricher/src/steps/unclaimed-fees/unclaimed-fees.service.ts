import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import type { ChainClient } from '@lib/chain';
import type { StepBatch, StepBatchResult } from '@lib/consumer';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import { PG_POOL } from '@lib/platform';
import { PoolDirectoryRepository, PoolPriceSource, PoolStateRepository, endOfBlock, pricingConfigFromEnv, type UsdPriceRequest } from '@lib/pricing';
import { FeeStateReader, type PoolPosition, PoolPositionReader, type PositionFeeState, unclaimedFeesRow } from '@lib/position';
import { CHAIN_CLIENT } from '../../runtime/chain.provider';
import { UnclaimedFeesRepository } from './unclaimed-fees.repository';

/** Events whose chain reads are in flight at once; viem folds each block's reads into one multicall. */
const READ_CONCURRENCY = 32;

/**
 * Step 5, unclaimed fees, as of each position event. Chain state exists per block, so
 * "as of the event" is the end of the event's block (rpc_block): what collect(max) would
 * have paid the owner then. USD at prices as of the end of that block, the same instant.
 * Every input is a fact at a fixed block, so a replay writes the same rows.
 */
@Injectable()
export class UnclaimedFeesService {
  readonly reader: FeeStateReader;
  readonly poolPositions: PoolPositionReader;
  /** Events handled, beside reader.reads: RPC calls per event = reads / events. */
  events = 0;
  private readonly repository: UnclaimedFeesRepository;
  private readonly directory: PoolDirectoryRepository;
  private readonly prices: PoolPriceSource;
  private readonly logger = new Logger('UnclaimedFees');

  constructor(@Inject(PG_POOL) pool: Pool, @Inject(CHAIN_CLIENT) client: ChainClient) {
    this.reader = new FeeStateReader(client);
    this.poolPositions = new PoolPositionReader(client);
    this.repository = new UnclaimedFeesRepository(pool);
    this.directory = new PoolDirectoryRepository(pool);
    this.prices = new PoolPriceSource(pricingConfigFromEnv(), this.directory, new PoolStateRepository(pool));
  }

  async handle(batch: StepBatch<AttributedPositionEventRecord>): Promise<StepBatchResult> {
    const events = batch.records.map((r) => r.value);
    if (events.length === 0) return {};

    const states: PositionFeeState[] = new Array(events.length);
    const poolPositions: (PoolPosition | null)[] = new Array(events.length).fill(null);
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(READ_CONCURRENCY, events.length) }, async () => {
        while (next < events.length) {
          const i = next++;
          const e = events[i];
          const at = { positionManager: e.positionManager, tokenId: e.tokenId, pool: e.pool, tickLower: e.positionTickLower, tickUpper: e.positionTickUpper, blockNumber: e.blockNumber };
          states[i] = await this.reader.read(at);
          if (states[i].kind !== 'burned') poolPositions[i] = await this.poolPositions.read(at);
        }
      }),
    );
    const [directory, prices] = await Promise.all([
      this.directory.directory(),
      this.prices.pricesUsd(events.flatMap((e): UsdPriceRequest[] => [{ token: e.token0, at: endOfBlock(e.blockNumber) }, { token: e.token1, at: endOfBlock(e.blockNumber) }])),
    ]);

    const rows = events.map((e, i) =>
      unclaimedFeesRow({
        event: { id: e.id, positionManager: e.positionManager.toLowerCase(), tokenId: e.tokenId, pool: e.pool, blockNumber: e.blockNumber, logIndex: e.logIndex, tickLower: e.positionTickLower, tickUpper: e.positionTickUpper },
        state: states[i],
        rpcBlock: e.blockNumber,
        decimals0: directory.decimalsOf(e.token0),
        decimals1: directory.decimalsOf(e.token1),
        price0: prices[2 * i],
        price1: prices[2 * i + 1],
        poolPosition: poolPositions[i],
      }),
    );
    await this.repository.write(rows);
    this.events += events.length;
    const reads = this.reader.reads + this.poolPositions.reads;
    // A field of the log line, not a string in it: tests read "rpc":{...} from the output.
    this.logger.log({ message: 'chain reads so far', rpc: { events: this.events, reads, readsPerEvent: +(reads / this.events).toFixed(3) } });
    return {};
  }
}
