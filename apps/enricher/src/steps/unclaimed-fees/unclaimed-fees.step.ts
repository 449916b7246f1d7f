import { Injectable, Logger } from '@nestjs/common';
import type { Queryable } from '@lib/db';
import type { Computed, EnrichmentStep, IncomingRecord, StepSink } from '@lib/consumer';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import { PoolDirectoryRepository, PoolPriceSource, endOfBlock, type DecimalsLookup, type PriceResult, type UsdPriceRequest } from '@lib/pricing';
import {
  FeeStateReader,
  type PoolPosition,
  PoolPositionReader,
  positionEventRef,
  type PositionFeeState,
  type UnclaimedFeesRow,
  unclaimedFeesRow,
} from '@lib/position';
import { UnclaimedFeesRepository } from './unclaimed-fees.repository';

/** Events whose chain reads are in flight at once; viem folds each block's reads into one multicall. */
const READ_CONCURRENCY = 32;

/** What one event's row is computed from: the chain at the end of its block, and prices at that instant. */
export interface UnclaimedFeesFact {
  event: AttributedPositionEventRecord;
  state: PositionFeeState;
  /** The pool's position of the manager's range (null: the position is burned, not read). */
  poolPosition: PoolPosition | null;
  decimals0: DecimalsLookup;
  decimals1: DecimalsLookup;
  price0: PriceResult;
  price1: PriceResult;
}

/**
 * Step 5, unclaimed fees, as of each position event. Chain state exists per block, so
 * "as of the event" is the end of the event's block (rpc_block): what collect(max) would
 * have paid the owner then. USD at prices as of the end of that block, the same instant.
 * Every input is a fact at a fixed block, so a replay writes the same rows.
 */
@Injectable()
export class UnclaimedFeesStep implements EnrichmentStep<AttributedPositionEventRecord, UnclaimedFeesFact[], UnclaimedFeesRow> {
  readonly name = 'unclaimed-fees';
  /** Events written, beside the readers' reads: RPC calls per event = reads / events. */
  events = 0;
  private readonly logger = new Logger('UnclaimedFees');

  /** The rows' upsert, then the running chain-read figures in the log. */
  readonly sink: StepSink<UnclaimedFeesRow> = {
    write: async (db: Queryable, rows: UnclaimedFeesRow[]) => {
      await this.repository.write(db, rows);
      this.events += rows.length;
      const reads = this.reader.reads + this.poolPositions.reads;
      // A field of the log line, not a string in it: tests read "rpc":{...} from the output.
      this.logger.log({ message: 'chain reads so far', rpc: { events: this.events, reads, readsPerEvent: +(reads / this.events).toFixed(3) } });
    },
  };

  constructor(
    private readonly repository: UnclaimedFeesRepository,
    readonly reader: FeeStateReader,
    readonly poolPositions: PoolPositionReader,
    private readonly directory: PoolDirectoryRepository,
    private readonly prices: PoolPriceSource,
  ) {}

  async load(records: IncomingRecord<AttributedPositionEventRecord>[]): Promise<UnclaimedFeesFact[]> {
    const events = records.map((r) => r.value);
    const states: PositionFeeState[] = new Array(events.length);
    const poolPositions: (PoolPosition | null)[] = new Array(events.length).fill(null);
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(READ_CONCURRENCY, events.length) }, async () => {
        while (next < events.length) {
          const i = next++;
          const e = events[i];
          const at = {
            positionManager: e.positionManager,
            tokenId: e.tokenId,
            pool: e.pool,
            tickLower: e.positionTickLower,
            tickUpper: e.positionTickUpper,
            blockNumber: e.blockNumber,
          };
          states[i] = await this.reader.read(at);
          if (states[i].kind !== 'burned') poolPositions[i] = await this.poolPositions.read(at);
        }
      }),
    );
    const [directory, prices] = await Promise.all([
      this.directory.directory(),
      this.prices.pricesUsd(
        events.flatMap((e): UsdPriceRequest[] => [
          { token: e.token0, at: endOfBlock(e.blockNumber) },
          { token: e.token1, at: endOfBlock(e.blockNumber) },
        ]),
      ),
    ]);
    return events.map((event, i) => ({
      event,
      state: states[i],
      poolPosition: poolPositions[i],
      decimals0: directory.decimalsOf(event.token0),
      decimals1: directory.decimalsOf(event.token1),
      price0: prices[2 * i],
      price1: prices[2 * i + 1],
    }));
  }

  compute(facts: UnclaimedFeesFact[]): Computed<UnclaimedFeesRow> {
    const rows = facts.map(({ event: e, state, poolPosition, decimals0, decimals1, price0, price1 }) =>
      unclaimedFeesRow({
        event: positionEventRef(e),
        state,
        rpcBlock: e.blockNumber,
        decimals0,
        decimals1,
        price0,
        price1,
        poolPosition,
      }),
    );
    return { rows };
  }
}
