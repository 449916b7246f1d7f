import { Injectable } from '@nestjs/common';
import type { Computed, EnrichmentStep, IncomingRecord, Rejection } from '@lib/consumer';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import {
  PoolDirectoryRepository,
  PoolPriceSource,
  PoolStateRepository,
  type ChainPoint,
  type DecimalsLookup,
  type PoolState,
  type PriceResult,
  type UsdPriceRequest,
} from '@lib/pricing';
import { foldPrincipal, impermanentLossRow, positionEventRef, positionKey, type ImpermanentLossRow, type PositionHistoryEvent } from '@lib/position';
import { ImpermanentLossRepository, type HistoryRequest } from './impermanent-loss.repository';

type Event = IncomingRecord<AttributedPositionEventRecord>;

const positionKeyOf = (e: AttributedPositionEventRecord) => positionKey(e.positionManager, e.tokenId);
const pointOf = (e: AttributedPositionEventRecord): ChainPoint => ({ blockNumber: e.blockNumber, logIndex: e.logIndex });

/** What one event's row is computed from, besides its position's history. */
export interface ImpermanentLossEventFact {
  offset: string;
  event: AttributedPositionEventRecord;
  /** The pool's price as of the event (null: no Swap or Initialize before it). */
  poolPrice: PoolState | null;
  decimals0: DecimalsLookup;
  decimals1: DecimalsLookup;
  price0: PriceResult;
  price1: PriceResult;
}

export interface ImpermanentLossFacts {
  events: ImpermanentLossEventFact[];
  /** Each batch position's stored history up to its latest event in the batch, by position key. */
  histories: Map<string, PositionHistoryEvent[]>;
}

/**
 * Step 4, impermanent loss, as of each position event: the position's principal state is
 * folded from its history in attributed_event (one query per batch), the pool price and
 * the USD prices are as of the event (logs strictly before it). One upsert per batch.
 */
@Injectable()
export class ImpermanentLossStep implements EnrichmentStep<AttributedPositionEventRecord, ImpermanentLossFacts, ImpermanentLossRow> {
  readonly name = 'impermanent-loss';

  constructor(
    readonly sink: ImpermanentLossRepository,
    private readonly directory: PoolDirectoryRepository,
    private readonly states: PoolStateRepository,
    private readonly prices: PoolPriceSource,
  ) {}

  async load(records: Event[]): Promise<ImpermanentLossFacts> {
    // The latest point of each position in the batch bounds the history to read.
    const last = new Map<string, HistoryRequest>();
    for (const { value: e } of records) {
      const key = positionKeyOf(e);
      const seen = last.get(key);
      if (!seen || seen.blockNumber < e.blockNumber || (seen.blockNumber === e.blockNumber && seen.logIndex < e.logIndex)) {
        last.set(key, { positionManager: e.positionManager.toLowerCase(), tokenId: e.tokenId, blockNumber: e.blockNumber, logIndex: e.logIndex });
      }
    }
    const histories = await this.sink.histories([...last.values()]);
    const [directory, poolStates, prices] = await Promise.all([
      this.directory.directory(),
      this.states.statesAsOf(records.map(({ value: e }) => ({ pool: e.pool, at: pointOf(e) }))),
      this.prices.pricesUsd(
        records.flatMap(({ value: e }): UsdPriceRequest[] => [
          { token: e.token0, at: pointOf(e) },
          { token: e.token1, at: pointOf(e) },
        ]),
      ),
    ]);
    const events = records.map(({ offset, value: e }, i) => ({
      offset,
      event: e,
      poolPrice: poolStates[i],
      decimals0: directory.decimalsOf(e.token0),
      decimals1: directory.decimalsOf(e.token1),
      price0: prices[2 * i],
      price1: prices[2 * i + 1],
    }));
    return { events, histories };
  }

  compute({ events, histories }: ImpermanentLossFacts): Computed<ImpermanentLossRow> {
    const ownEvents = new Map<string, AttributedPositionEventRecord[]>();
    for (const { event: e } of events) ownEvents.set(positionKeyOf(e), [...(ownEvents.get(positionKeyOf(e)) ?? []), e]);
    const principal = new Map<string, ReturnType<typeof foldPrincipal>>();
    for (const [key, own] of ownEvents) {
      // The batch's own records join the stored history (same ids: one fact each), in case attribution's row is not visible.
      const byId = new Map<string, PositionHistoryEvent>((histories.get(key) ?? []).map((h) => [h.id, h]));
      for (const e of own) if (!byId.has(e.id)) byId.set(e.id, historyEventOf(e));
      principal.set(key, foldPrincipal([...byId.values()]));
    }

    const rows: ImpermanentLossRow[] = [];
    const rejections: Rejection[] = [];
    for (const { offset, event: e, poolPrice, decimals0, decimals1, price0, price1 } of events) {
      const state = principal.get(positionKeyOf(e))?.get(e.id);
      if (!state) {
        rejections.push({ offset, reason: `event ${e.id} is not in the history of ${positionKeyOf(e)}` });
        continue;
      }
      const out = impermanentLossRow({
        event: positionEventRef(e),
        principal: state,
        poolPrice,
        decimals0,
        decimals1,
        price0,
        price1,
      });
      if ('row' in out) rows.push(out.row);
      else rejections.push({ offset, reason: out.reason });
    }
    return { rows, rejections };
  }
}

function historyEventOf(e: AttributedPositionEventRecord): PositionHistoryEvent {
  return {
    id: e.id,
    blockNumber: e.blockNumber,
    logIndex: e.logIndex,
    eventType: e.eventType,
    liquidityDelta: e.liquidityDelta,
    amount0: e.amount0,
    amount1: e.amount1,
  };
}
