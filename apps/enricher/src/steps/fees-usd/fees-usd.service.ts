import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { IncomingRecord, Rejection, StepBatch, StepBatchResult } from '@lib/consumer';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import { PG_POOL } from '@lib/platform';
import { PoolDirectoryRepository, PoolPriceSource, PoolStateRepository, pricingConfigFromEnv, type UsdPriceRequest } from '@lib/pricing';
import { type OwedEvent, positionKey, splitCollects } from '@lib/position';
import { valueCollect } from './collect-value';
import { CollectFeeRepository, type CollectFeeRow } from './collect-fee.repository';

const RAW_AMOUNT = /^\d+$/;

/**
 * Step 2, fees USD: each COLLECT's value at the prices as of the event, and its fee part
 * (collected − principal released by earlier decreases, folded from the position's
 * history in attributed_event). Other events write nothing here.
 */
@Injectable()
export class FeesUsdService {
  private readonly repository: CollectFeeRepository;
  private readonly directory: PoolDirectoryRepository;
  private readonly prices: PoolPriceSource;

  constructor(@Inject(PG_POOL) pool: Pool) {
    this.repository = new CollectFeeRepository(pool);
    this.directory = new PoolDirectoryRepository(pool);
    // One directory for prices and for the decimals of the amounts: both see the same "Pool" rows.
    this.prices = new PoolPriceSource(pricingConfigFromEnv(), this.directory, new PoolStateRepository(pool));
  }

  async handle(batch: StepBatch<AttributedPositionEventRecord>): Promise<StepBatchResult> {
    const rejected: Rejection[] = [];
    const collects: IncomingRecord<AttributedPositionEventRecord>[] = [];
    for (const r of batch.records) {
      if (r.value.eventType !== 'COLLECT') continue;
      if (!RAW_AMOUNT.test(r.value.amount0 ?? '') || !RAW_AMOUNT.test(r.value.amount1 ?? '')) {
        rejected.push({ offset: r.offset, reason: `COLLECT ${r.value.id} has no raw amounts (amount0 ${r.value.amount0}, amount1 ${r.value.amount1})` });
        continue;
      }
      collects.push(r);
    }
    if (collects.length === 0) return { rejected };

    const positions = uniquePositions(collects.map((c) => c.value));
    const histories = await this.repository.owedHistory(positions);
    for (const p of positions) if (!histories.has(positionKey(p.positionManager, p.tokenId))) histories.set(positionKey(p.positionManager, p.tokenId), []);
    // The batch's own events too, in case a row is not in attributed_event (same facts: ids dedupe).
    for (const r of batch.records) {
      const e = r.value;
      const history = histories.get(positionKey(e.positionManager, e.tokenId));
      if (!history || (e.eventType !== 'DECREASE' && e.eventType !== 'COLLECT') || history.some((h) => h.id === e.id)) continue;
      if (RAW_AMOUNT.test(e.amount0 ?? '') && RAW_AMOUNT.test(e.amount1 ?? '')) history.push(owedEvent(e));
    }
    const splits = new Map<string, ReturnType<typeof splitCollects>>();
    for (const [key, history] of histories) splits.set(key, splitCollects(history));

    const requests: UsdPriceRequest[] = collects.flatMap(({ value: e }) => {
      const at = { blockNumber: e.blockNumber, logIndex: e.logIndex };
      return [{ token: e.token0, at }, { token: e.token1, at }];
    });
    const [directory, prices] = await Promise.all([this.directory.directory(), this.prices.pricesUsd(requests)]);

    const rows: CollectFeeRow[] = [];
    collects.forEach(({ offset, value: e }, i) => {
      const split = splits.get(positionKey(e.positionManager, e.tokenId))!.get(e.id)!;
      const priced = valueCollect(
        split,
        { decimals: directory.decimalsOf(e.token0), price: prices[2 * i] },
        { decimals: directory.decimalsOf(e.token1), price: prices[2 * i + 1] },
      );
      if (!priced.ok) {
        rejected.push({ offset, reason: `cannot price COLLECT ${e.id}: ${priced.reason}` });
        return;
      }
      const v = priced.value;
      rows.push({
        id: e.id, position_manager: e.positionManager, token_id: e.tokenId, pool: e.pool, block_number: e.blockNumber, log_index: e.logIndex,
        collected0: split.collected0.toString(), collected1: split.collected1.toString(), principal0: split.principal0.toString(),
        principal1: split.principal1.toString(), fee0: split.fee0.toString(), fee1: split.fee1.toString(),
        price0_usd: v.price0Usd, price1_usd: v.price1Usd, usd_value: v.usdValue, fee_usd_value: v.feeUsdValue, price_via: v.priceVia,
      });
    });
    await this.repository.write(rows);
    return { rejected };
  }
}

function owedEvent(e: AttributedPositionEventRecord): OwedEvent {
  return { id: e.id, blockNumber: e.blockNumber, logIndex: e.logIndex, eventType: e.eventType, amount0: BigInt(e.amount0 ?? 0), amount1: BigInt(e.amount1 ?? 0) };
}

function uniquePositions(events: AttributedPositionEventRecord[]): { positionManager: string; tokenId: string }[] {
  const byKey = new Map(events.map((e) => [positionKey(e.positionManager, e.tokenId), { positionManager: e.positionManager, tokenId: e.tokenId }]));
  return [...byKey.values()];
}
