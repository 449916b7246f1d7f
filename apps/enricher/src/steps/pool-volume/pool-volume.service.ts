import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Rejection, StepBatch, StepBatchResult } from '@lib/consumer';
import type { PoolEventRecord } from '@lib/kafka';
import { PG_POOL } from '@lib/platform';
import { PoolDirectoryRepository, PoolPriceSource, PoolStateRepository, pricingConfigFromEnv, ratioToNumber } from '@lib/pricing';
import { formatUsd, swapInput, type SwapInput, valueSwap } from '@lib/position';
import { hourOf } from './hourly-volume';
import { isoHour, PoolVolumeRepository, type SwapVolumeRow } from './pool-volume.repository';

/**
 * Step 7, pool volume: each Swap's input side valued at its price as of the swap (a
 * `swap_volume` fact), then the hourly and rolling 24h figures of the hours it affects
 * recomputed from the facts. Swaps that cannot be valued go to the DLQ and count nowhere.
 */
@Injectable()
export class PoolVolumeService {
  private readonly repository: PoolVolumeRepository;
  private readonly directory: PoolDirectoryRepository;
  private readonly prices: PoolPriceSource;

  constructor(@Inject(PG_POOL) pool: Pool) {
    this.repository = new PoolVolumeRepository(pool);
    this.directory = new PoolDirectoryRepository(pool);
    this.prices = new PoolPriceSource(pricingConfigFromEnv(), this.directory, new PoolStateRepository(pool));
  }

  async handle(batch: StepBatch<PoolEventRecord>): Promise<StepBatchResult> {
    const rejected: Rejection[] = [];
    const swaps: { offset: string; event: PoolEventRecord; input: SwapInput }[] = [];
    for (const r of batch.records) {
      if (r.value.eventName !== 'Swap') continue;
      const input = swapInput(r.value.amount0, r.value.amount1);
      if (!input.ok) rejected.push({ offset: r.offset, reason: `Swap ${r.value.id}: ${input.reason}` });
      else swaps.push({ offset: r.offset, event: r.value, input: input.input });
    }
    if (swaps.length === 0) return { rejected };

    const pools = await this.repository.pools([...new Set(swaps.map((s) => s.event.pool.toLowerCase()))]);
    const known = swaps.filter((s) => {
      if (pools.has(s.event.pool.toLowerCase())) return true;
      rejected.push({ offset: s.offset, reason: `Swap ${s.event.id}: pool ${s.event.pool} is not in "Pool"` });
      return false;
    });
    const tokenIn = (s: (typeof known)[number]) => {
      const p = pools.get(s.event.pool.toLowerCase())!;
      return s.input.side === 0 ? p.token0 : p.token1;
    };
    const [directory, prices] = await Promise.all([
      this.directory.directory(),
      this.prices.pricesUsd(known.map((s) => ({ token: tokenIn(s), at: { blockNumber: s.event.blockNumber, logIndex: s.event.logIndex } }))),
    ]);

    const facts: SwapVolumeRow[] = [];
    known.forEach((s, i) => {
      const e = s.event;
      const price = prices[i];
      const valued = valueSwap(s.input.amountIn, directory.decimalsOf(tokenIn(s)), price, pools.get(e.pool.toLowerCase())!.fee);
      if (!valued.ok || !price.ok) {
        rejected.push({ offset: s.offset, reason: `cannot value Swap ${e.id}: ${valued.ok ? 'no price' : valued.reason}` });
        return;
      }
      facts.push({
        id: e.id, pool: e.pool.toLowerCase(), block_number: e.blockNumber, log_index: e.logIndex, timestamp: e.timestamp,
        hour_start: isoHour(hourOf(e.timestamp)), token_in: tokenIn(s), amount_in: s.input.amountIn.toString(),
        price_usd: ratioToNumber(price.usdPerToken), volume_usd: formatUsd(valued.value.volumeUsd), fees_usd: formatUsd(valued.value.feesUsd),
        price_via: price.via.length === 0 ? 'usd' : price.via.join('>'),
      });
    });
    await this.repository.write(facts);
    return { rejected };
  }
}
