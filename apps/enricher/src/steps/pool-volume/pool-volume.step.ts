import { Injectable } from '@nestjs/common';
import type { Computed, EnrichmentStep, IncomingRecord, Rejection } from '@lib/consumer';
import type { PoolEventRecord } from '@lib/kafka';
import { PoolDirectoryRepository, PoolPriceSource, ratioToNumber, type DecimalsLookup, type PriceResult } from '@lib/pricing';
import { formatUsd, swapInput, type SwapInput, valueSwap } from '@lib/position';
import { hourOf } from './hourly-volume';
import { isoHour, PoolVolumeRepository, type PoolFacts, type SwapVolumeRow } from './pool-volume.repository';

/** What one Swap's fact is valued with. */
export interface SwapEventFact {
  offset: string;
  event: PoolEventRecord;
  input: SwapInput;
  /** The pool's tokens and fee tier from "Pool"; null: the pool is not there. */
  pool: PoolFacts | null;
  /** The input token's decimals and USD price as of the swap (null when the pool is unknown). */
  valuation: { tokenIn: string; decimals: DecimalsLookup; price: PriceResult } | null;
}

/**
 * Step 7, pool volume: each Swap's input side valued at its price as of the swap (a
 * `swap_volume` fact), then the hourly and rolling 24h figures of the hours it affects
 * recomputed from the facts (the sink, in the same transaction). Swaps that cannot be
 * valued go to the DLQ and count nowhere.
 */
@Injectable()
export class PoolVolumeStep implements EnrichmentStep<PoolEventRecord, SwapEventFact[], SwapVolumeRow> {
  readonly name = 'pool-volume';

  constructor(
    readonly sink: PoolVolumeRepository,
    // The price source's own directory (shared provider): prices and the decimals of the amounts see the same "Pool" rows.
    private readonly directory: PoolDirectoryRepository,
    private readonly prices: PoolPriceSource,
  ) {}

  screen(e: PoolEventRecord): string | undefined {
    if (e.eventName !== 'Swap') return undefined;
    const input = swapInput(e.amount0, e.amount1);
    return input.ok ? undefined : `Swap ${e.id}: ${input.reason}`;
  }

  async load(records: IncomingRecord<PoolEventRecord>[]): Promise<SwapEventFact[]> {
    const swaps: { offset: string; event: PoolEventRecord; input: SwapInput }[] = [];
    for (const r of records) {
      if (r.value.eventName !== 'Swap') continue;
      const input = swapInput(r.value.amount0, r.value.amount1);
      if (input.ok) swaps.push({ offset: r.offset, event: r.value, input: input.input });
    }
    if (swaps.length === 0) return [];

    const pools = await this.sink.pools([...new Set(swaps.map((s) => s.event.pool.toLowerCase()))]);
    const known = swaps.filter((s) => pools.has(s.event.pool.toLowerCase()));
    const tokenIn = (s: (typeof swaps)[number]) => {
      const p = pools.get(s.event.pool.toLowerCase())!;
      return s.input.side === 0 ? p.token0 : p.token1;
    };
    const [directory, prices] = await Promise.all([
      this.directory.directory(),
      this.prices.pricesUsd(known.map((s) => ({ token: tokenIn(s), at: { blockNumber: s.event.blockNumber, logIndex: s.event.logIndex } }))),
    ]);
    const valuations = new Map(known.map((s, i) => [s, { tokenIn: tokenIn(s), decimals: directory.decimalsOf(tokenIn(s)), price: prices[i] }]));
    return swaps.map((s) => ({ ...s, pool: pools.get(s.event.pool.toLowerCase()) ?? null, valuation: valuations.get(s) ?? null }));
  }

  compute(swaps: SwapEventFact[]): Computed<SwapVolumeRow> {
    const rejections: Rejection[] = [];
    const known = swaps.filter((s) => {
      if (s.pool && s.valuation) return true;
      rejections.push({ offset: s.offset, reason: `Swap ${s.event.id}: pool ${s.event.pool} is not in "Pool"` });
      return false;
    });
    const rows: SwapVolumeRow[] = [];
    for (const s of known) {
      const e = s.event;
      const { tokenIn, decimals, price } = s.valuation!;
      const valued = valueSwap(s.input.amountIn, decimals, price, s.pool!.fee);
      if (!valued.ok || !price.ok) {
        rejections.push({ offset: s.offset, reason: `cannot value Swap ${e.id}: ${valued.ok ? 'no price' : valued.reason}` });
        continue;
      }
      rows.push({
        id: e.id,
        pool: e.pool.toLowerCase(),
        block_number: e.blockNumber,
        log_index: e.logIndex,
        timestamp: e.timestamp,
        hour_start: isoHour(hourOf(e.timestamp)),
        token_in: tokenIn,
        amount_in: s.input.amountIn.toString(),
        price_usd: ratioToNumber(price.usdPerToken),
        volume_usd: formatUsd(valued.value.volumeUsd),
        fees_usd: formatUsd(valued.value.feesUsd),
        price_via: price.via.length === 0 ? 'usd' : price.via.join('>'),
      });
    }
    return { rows, rejections };
  }
}
