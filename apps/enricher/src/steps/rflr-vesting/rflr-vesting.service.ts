import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { StepBatch, StepBatchResult } from '@lib/consumer';
import { distinctMarkers, type AttributedPositionEventRecord } from '@lib/kafka';
import { PG_POOL } from '@lib/platform';
import { endOfBlock, PoolPriceSource, pricingConfigFromEnv, type PricingConfig } from '@lib/pricing';
import { positionKey } from '../pool-attribution/attributed-position';
import { lastBlockAtOrBefore } from './chain-time';
import { RflrVestingRepository } from './rflr-vesting.repository';
import { vestingAsOf } from './vesting';
import { rflrVestingRow, type RflrVestingRow } from './vesting-row';

/** One row to compute: a position as of a time, priced as of the end of a block. */
interface AsOfRequest {
  positionManager: string;
  tokenId: string;
  asOf: number;
  priceBlock: number;
}

/**
 * Step 9, rFLR vesting: per position, as of each of its events (the event's timestamp) and
 * as of the run's as-of time (end-of-replay marker), recomputed from rflr_allocation. A
 * marker recomputes every position with allocations: the rows are a function of (position,
 * as_of) and the input facts only, so every partition's marker writes the same rows.
 */
@Injectable()
export class RflrVestingService {
  private readonly repository: RflrVestingRepository;
  private readonly prices: PoolPriceSource;
  private readonly pricing: PricingConfig;

  constructor(@Inject(PG_POOL) private readonly db: Pool) {
    this.repository = new RflrVestingRepository(db);
    this.pricing = pricingConfigFromEnv();
    this.prices = PoolPriceSource.fromDatabase(db, this.pricing);
  }

  async handle(batch: StepBatch<AttributedPositionEventRecord>): Promise<StepBatchResult> {
    const requests: AsOfRequest[] = batch.records.map(({ value: e }) => ({ positionManager: e.positionManager.toLowerCase(), tokenId: e.tokenId, asOf: e.timestamp, priceBlock: e.blockNumber }));
    const positions = new Map(requests.map((r) => [positionKey(r.positionManager, r.tokenId), { positionManager: r.positionManager, tokenId: r.tokenId }]));
    const allocations = await this.repository.allocations([...positions.values()]);

    // Marker rows come last: for a position whose last event shares the run's as-of time, "after everything" wins.
    for (const marker of distinctMarkers(batch.markers)) {
      const all = await this.repository.allocations();
      const priceBlock = await lastBlockAtOrBefore(this.db, marker.asOf);
      for (const [key, p] of all) {
        allocations.set(key, p);
        requests.push({ positionManager: p.positionManager, tokenId: p.tokenId, asOf: marker.asOf, priceBlock });
      }
    }
    if (requests.length === 0) return {};

    // rFLR is priced as WFLR as of the end of the row's block (after every log of it).
    const wflr = await this.prices.pricesUsd(requests.map((r) => ({ token: this.pricing.wrappedNative, at: endOfBlock(r.priceBlock) })));
    const rows: RflrVestingRow[] = requests.map((r, i) => {
      const state = vestingAsOf(allocations.get(positionKey(r.positionManager, r.tokenId))?.allocations ?? [], r.asOf);
      return rflrVestingRow(r, r.asOf, state, wflr[i], r.priceBlock);
    });
    await this.repository.write(rows);
    return {};
  }
}
