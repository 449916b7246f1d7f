import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { forEachOwnedPage, MarkerGate, ownsKey, type StepBatch, type StepBatchResult } from '@lib/consumer';
import { EndMarkerOriginRepository } from '@lib/pipeline';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import { PG_POOL } from '@lib/platform';
import { endOfBlock, PoolPriceSource, pricingConfigFromEnv, type PricingConfig } from '@lib/pricing';
import { lastBlockAtOrBefore, positionKey } from '@lib/position';
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
 * as of the run's as-of time (end-of-replay marker), recomputed from rflr_allocation. The
 * run's end is acted on in a partition once every origin's marker is there (MarkerGate),
 * for the positions with allocations whose key the producer maps to that partition, in
 * pages: every record of those positions came before, so their marker rows come last.
 */
@Injectable()
export class RflrVestingService {
  private readonly repository: RflrVestingRepository;
  private readonly prices: PoolPriceSource;
  private readonly pricing: PricingConfig;
  private readonly gate: MarkerGate;

  constructor(@Inject(PG_POOL) private readonly db: Pool) {
    this.repository = new RflrVestingRepository(db);
    this.pricing = pricingConfigFromEnv();
    this.prices = PoolPriceSource.fromDatabase(db, this.pricing);
    this.gate = new MarkerGate(new EndMarkerOriginRepository(db), 'rflr-vesting');
  }

  async handle(batch: StepBatch<AttributedPositionEventRecord>): Promise<StepBatchResult> {
    const requests: AsOfRequest[] = batch.records.map(({ value: e }) => ({ positionManager: e.positionManager.toLowerCase(), tokenId: e.tokenId, asOf: e.timestamp, priceBlock: e.blockNumber }));
    await this.write(requests);

    // Marker rows come after the events': for a position whose last event shares the run's as-of time, "after everything" wins.
    for (const marker of await this.gate.ended(batch)) {
      const priceBlock = await lastBlockAtOrBefore(this.db, marker.asOf);
      await forEachOwnedPage<{ positionManager: string; tokenId: string }>(
        {
          read: (after, limit) => this.repository.allocatedPositions(after, limit),
          keyOf: (p) => positionKey(p.positionManager, p.tokenId),
          owns: ownsKey(marker, batch.partition),
        },
        (page) => this.write(page.map((p) => ({ positionManager: p.positionManager, tokenId: p.tokenId, asOf: marker.asOf, priceBlock }))),
      );
    }
    return {};
  }

  /** The rows of the requests, from their positions' allocations, in one upsert. */
  private async write(requests: AsOfRequest[]): Promise<void> {
    if (requests.length === 0) return;
    const positions = new Map(requests.map((r) => [positionKey(r.positionManager, r.tokenId), { positionManager: r.positionManager, tokenId: r.tokenId }]));
    const allocations = await this.repository.allocations([...positions.values()]);
    // rFLR is priced as WFLR as of the end of the row's block (after every log of it).
    const wflr = await this.prices.pricesUsd(requests.map((r) => ({ token: this.pricing.wrappedNative, at: endOfBlock(r.priceBlock) })));
    const rows: RflrVestingRow[] = requests.map((r, i) => {
      const state = vestingAsOf(allocations.get(positionKey(r.positionManager, r.tokenId))?.allocations ?? [], r.asOf);
      return rflrVestingRow(r, r.asOf, state, wflr[i], r.priceBlock);
    });
    await this.repository.write(rows);
  }
}
