import { Injectable } from '@nestjs/common';
import type { Computed, EnrichmentStep, IncomingRecord, Rejection } from '@lib/consumer';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import { PoolDirectoryRepository, PoolPriceSource, type DecimalsLookup, type PriceResult, type UsdPriceRequest } from '@lib/pricing';
import { type OwedEvent, positionKey, splitCollects } from '@lib/position';
import { valueCollect } from './collect-value';
import { CollectFeeRepository, type CollectFeeRow } from './collect-fee.repository';

const RAW_AMOUNT = /^\d+$/;

type Event = IncomingRecord<AttributedPositionEventRecord>;

/** What one COLLECT's row is valued with. */
export interface CollectFact {
  offset: string;
  event: AttributedPositionEventRecord;
  decimals0: DecimalsLookup;
  decimals1: DecimalsLookup;
  price0: PriceResult;
  price1: PriceResult;
}

export interface FeesUsdFacts {
  /** The batch's COLLECTs, in batch order. */
  collects: CollectFact[];
  /** Every event of the batch the screen let through (their DECREASEs and COLLECTs join the histories). */
  events: AttributedPositionEventRecord[];
  /** The stored DECREASE and COLLECT events of each position with a COLLECT in the batch, by position key (empty when none). */
  histories: Map<string, OwedEvent[]>;
}

/**
 * Step 2, fees USD: each COLLECT's value at the prices as of the event, and its fee part
 * (collected − principal released by earlier decreases, folded from the position's
 * history in attributed_event). Other events write nothing here.
 */
@Injectable()
export class FeesUsdStep implements EnrichmentStep<AttributedPositionEventRecord, FeesUsdFacts, CollectFeeRow> {
  readonly name = 'fees-usd';

  constructor(
    readonly sink: CollectFeeRepository,
    // The price source's own directory (shared provider): prices and the decimals of the amounts see the same "Pool" rows.
    private readonly directory: PoolDirectoryRepository,
    private readonly prices: PoolPriceSource,
  ) {}

  screen(e: AttributedPositionEventRecord): string | undefined {
    if (e.eventType !== 'COLLECT') return undefined;
    if (!RAW_AMOUNT.test(e.amount0 ?? '') || !RAW_AMOUNT.test(e.amount1 ?? ''))
      return `COLLECT ${e.id} has no raw amounts (amount0 ${e.amount0}, amount1 ${e.amount1})`;
    return undefined;
  }

  async load(records: Event[]): Promise<FeesUsdFacts> {
    const events = records.map((r) => r.value);
    const collects = records.filter((r) => r.value.eventType === 'COLLECT');
    if (collects.length === 0) return { collects: [], events, histories: new Map() };

    const positions = uniquePositions(collects.map((c) => c.value));
    const histories = await this.sink.owedHistory(positions);
    for (const p of positions) if (!histories.has(positionKey(p.positionManager, p.tokenId))) histories.set(positionKey(p.positionManager, p.tokenId), []);

    const requests: UsdPriceRequest[] = collects.flatMap(({ value: e }) => {
      const at = { blockNumber: e.blockNumber, logIndex: e.logIndex };
      return [
        { token: e.token0, at },
        { token: e.token1, at },
      ];
    });
    const [directory, prices] = await Promise.all([this.directory.directory(), this.prices.pricesUsd(requests)]);
    return {
      collects: collects.map(({ offset, value: e }, i) => ({
        offset,
        event: e,
        decimals0: directory.decimalsOf(e.token0),
        decimals1: directory.decimalsOf(e.token1),
        price0: prices[2 * i],
        price1: prices[2 * i + 1],
      })),
      events,
      histories,
    };
  }

  compute(facts: FeesUsdFacts): Computed<CollectFeeRow> {
    const histories = new Map([...facts.histories].map(([key, history]) => [key, [...history]]));
    // The batch's own events too, in case a row is not in attributed_event (same facts: ids dedupe).
    for (const e of facts.events) {
      const history = histories.get(positionKey(e.positionManager, e.tokenId));
      if (!history || (e.eventType !== 'DECREASE' && e.eventType !== 'COLLECT') || history.some((h) => h.id === e.id)) continue;
      if (RAW_AMOUNT.test(e.amount0 ?? '') && RAW_AMOUNT.test(e.amount1 ?? '')) history.push(owedEvent(e));
    }
    const splits = new Map<string, ReturnType<typeof splitCollects>>();
    for (const [key, history] of histories) splits.set(key, splitCollects(history));

    const rows: CollectFeeRow[] = [];
    const rejections: Rejection[] = [];
    for (const { offset, event: e, decimals0, decimals1, price0, price1 } of facts.collects) {
      const split = splits.get(positionKey(e.positionManager, e.tokenId))!.get(e.id)!;
      const priced = valueCollect(split, { decimals: decimals0, price: price0 }, { decimals: decimals1, price: price1 });
      if (!priced.ok) {
        rejections.push({ offset, reason: `cannot price COLLECT ${e.id}: ${priced.reason}` });
        continue;
      }
      const v = priced.value;
      rows.push({
        id: e.id,
        position_manager: e.positionManager,
        token_id: e.tokenId,
        pool: e.pool,
        block_number: e.blockNumber,
        log_index: e.logIndex,
        collected0: split.collected0.toString(),
        collected1: split.collected1.toString(),
        principal0: split.principal0.toString(),
        principal1: split.principal1.toString(),
        fee0: split.fee0.toString(),
        fee1: split.fee1.toString(),
        price0_usd: v.price0Usd,
        price1_usd: v.price1Usd,
        usd_value: v.usdValue,
        fee_usd_value: v.feeUsdValue,
        price_via: v.priceVia,
      });
    }
    return { rows, rejections };
  }
}

function owedEvent(e: AttributedPositionEventRecord): OwedEvent {
  return {
    id: e.id,
    blockNumber: e.blockNumber,
    logIndex: e.logIndex,
    eventType: e.eventType,
    amount0: BigInt(e.amount0 ?? 0),
    amount1: BigInt(e.amount1 ?? 0),
  };
}

function uniquePositions(events: AttributedPositionEventRecord[]): { positionManager: string; tokenId: string }[] {
  const byKey = new Map(events.map((e) => [positionKey(e.positionManager, e.tokenId), { positionManager: e.positionManager, tokenId: e.tokenId }]));
  return [...byKey.values()];
}
