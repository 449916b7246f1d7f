import { Inject, Injectable } from '@nestjs/common';
import type { Computed, EnrichmentStep, IncomingRecord, RunEndWork } from '@lib/consumer';
import type { AttributedPositionEventRecord, EndOfReplayMarker } from '@lib/kafka';
import { endOfBlock, PoolPriceSource, type PriceResult, type PricingConfig } from '@lib/pricing';
import { ChainTimeRepository, positionKey, type BlockAtTime } from '@lib/position';
import { PRICING_CONFIG } from '../../runtime/shared.providers';
import { RflrVestingRepository } from './rflr-vesting.repository';
import { vestingAsOf, type RflrAllocation } from './vesting';
import { rflrVestingRow, type RflrVestingRow } from './vesting-row';

interface AllocatedPosition {
  positionManager: string;
  tokenId: string;
}

/** What one row is computed from: a position as of a time, its allocations, WFLR's price as of the end of a block. */
export interface VestingFact {
  position: AllocatedPosition;
  asOf: number;
  priceBlock: number;
  /** The position's allocations (rflr_allocation), in month order; none: zeros. */
  allocations: RflrAllocation[];
  /** The USD price of WFLR as of the end of `priceBlock` (rFLR is priced as WFLR). */
  wflr: PriceResult;
}

/** One row to read for: a position as of a time, priced as of the end of a block. */
interface AsOfRequest extends AllocatedPosition {
  asOf: number;
  priceBlock: number;
  /** Set when the as-of time's block cannot be placed (a block without a block_time row): no price, this reason. */
  noPrice?: string;
}

/**
 * Step 9, rFLR vesting: per position, as of each of its events (the event's timestamp) and
 * as of the run's as-of time (end-of-replay marker), recomputed from rflr_allocation. The
 * run's end (the runtime's marker gate and owned-key pages) covers the positions with
 * allocations whose key the producer maps to the partition: every record of those
 * positions came before, so their marker rows come last.
 */
@Injectable()
export class RflrVestingStep implements EnrichmentStep<AttributedPositionEventRecord, VestingFact[], RflrVestingRow> {
  readonly name = 'rflr-vesting';
  /** The block each run's as-of time maps to, read once per marker (not per page). */
  private readonly priceBlocks = new WeakMap<EndOfReplayMarker, Promise<BlockAtTime>>();

  constructor(
    readonly sink: RflrVestingRepository,
    private readonly prices: PoolPriceSource,
    private readonly chainTime: ChainTimeRepository,
    @Inject(PRICING_CONFIG) private readonly pricing: PricingConfig,
  ) {}

  readonly runEnd: RunEndWork<AllocatedPosition, VestingFact[]> = {
    items: (after, limit) => this.sink.allocatedPositions(after, limit),
    keyOf: (p) => positionKey(p.positionManager, p.tokenId),
    load: async (page, marker) => {
      // The vested amounts depend on the time only; a price block that cannot be placed leaves the USD NULL with the reason.
      const at = await this.priceBlockOf(marker);
      const priceBlock = at.ok ? at.block : 0;
      const noPrice = at.ok ? undefined : at.reason;
      return this.facts(page.map((p) => ({ positionManager: p.positionManager, tokenId: p.tokenId, asOf: marker.asOf, priceBlock, noPrice })));
    },
  };

  load(records: IncomingRecord<AttributedPositionEventRecord>[]): Promise<VestingFact[]> {
    return this.facts(
      records.map(({ value: e }) => ({ positionManager: e.positionManager.toLowerCase(), tokenId: e.tokenId, asOf: e.timestamp, priceBlock: e.blockNumber })),
    );
  }

  compute(facts: VestingFact[]): Computed<RflrVestingRow> {
    return { rows: facts.map((f) => rflrVestingRow(f.position, f.asOf, vestingAsOf(f.allocations, f.asOf), f.wflr, f.priceBlock)) };
  }

  /** The requests' positions' allocations and, per request, WFLR's price as of the end of its block. */
  private async facts(requests: AsOfRequest[]): Promise<VestingFact[]> {
    if (requests.length === 0) return [];
    const positions = new Map(requests.map((r) => [positionKey(r.positionManager, r.tokenId), { positionManager: r.positionManager, tokenId: r.tokenId }]));
    const allocations = await this.sink.allocations([...positions.values()]);
    // rFLR is priced as WFLR as of the end of the row's block (after every log of it).
    const wflr = await this.prices.pricesUsd(requests.map((r) => ({ token: this.pricing.wrappedNative, at: endOfBlock(r.priceBlock) })));
    return requests.map((r, i) => ({
      position: { positionManager: r.positionManager, tokenId: r.tokenId },
      asOf: r.asOf,
      priceBlock: r.priceBlock,
      allocations: allocations.get(positionKey(r.positionManager, r.tokenId))?.allocations ?? [],
      wflr: r.noPrice === undefined ? wflr[i] : { ok: false, reason: r.noPrice },
    }));
  }

  private priceBlockOf(marker: EndOfReplayMarker): Promise<BlockAtTime> {
    let block = this.priceBlocks.get(marker);
    if (!block) this.priceBlocks.set(marker, (block = this.chainTime.lastBlockAtOrBefore(marker.asOf)));
    return block;
  }
}
