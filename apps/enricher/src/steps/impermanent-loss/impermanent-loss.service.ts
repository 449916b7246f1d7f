import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { Rejection, StepBatch, StepBatchResult } from '@lib/consumer';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import { PG_POOL } from '@lib/platform';
import { PoolDirectoryRepository, PoolPriceSource, PoolStateRepository, pricingConfigFromEnv, type ChainPoint, type UsdPriceRequest } from '@lib/pricing';
import { foldPrincipal, impermanentLossRow, type ImpermanentLossRow, type PositionHistoryEvent } from '@lib/position';
import { ImpermanentLossRepository, type HistoryRequest } from './impermanent-loss.repository';

const positionKeyOf = (e: AttributedPositionEventRecord) => `${e.positionManager.toLowerCase()}:${e.tokenId}`;

/**
 * Step 4, impermanent loss, as of each position event: the position's principal state is
 * folded from its history in attributed_event (one query per batch), the pool price and
 * the USD prices are as of the event (logs strictly before it). One upsert per batch.
 */
@Injectable()
export class ImpermanentLossService {
  private readonly repository: ImpermanentLossRepository;
  private readonly directory: PoolDirectoryRepository;
  private readonly states: PoolStateRepository;
  private readonly prices: PoolPriceSource;

  constructor(@Inject(PG_POOL) pool: Pool) {
    this.repository = new ImpermanentLossRepository(pool);
    this.directory = new PoolDirectoryRepository(pool);
    this.states = new PoolStateRepository(pool);
    this.prices = new PoolPriceSource(pricingConfigFromEnv(), this.directory, this.states);
  }

  async handle(batch: StepBatch<AttributedPositionEventRecord>): Promise<StepBatchResult> {
    const records = batch.records;
    if (records.length === 0) return {};

    // The latest point of each position in the batch bounds the history to read.
    const last = new Map<string, HistoryRequest>();
    const ownEvents = new Map<string, AttributedPositionEventRecord[]>();
    for (const { value: e } of records) {
      const key = positionKeyOf(e);
      const seen = last.get(key);
      if (!seen || seen.blockNumber < e.blockNumber || (seen.blockNumber === e.blockNumber && seen.logIndex < e.logIndex)) {
        last.set(key, { positionManager: e.positionManager.toLowerCase(), tokenId: e.tokenId, blockNumber: e.blockNumber, logIndex: e.logIndex });
      }
      ownEvents.set(key, [...(ownEvents.get(key) ?? []), e]);
    }
    const histories = await this.repository.histories([...last.values()]);
    const principal = new Map<string, ReturnType<typeof foldPrincipal>>();
    for (const [key, own] of ownEvents) {
      // The batch's own records join the stored history (same ids: one fact each), in case attribution's row is not visible.
      const byId = new Map<string, PositionHistoryEvent>((histories.get(key) ?? []).map((h) => [h.id, h]));
      for (const e of own) if (!byId.has(e.id)) byId.set(e.id, historyEventOf(e));
      principal.set(key, foldPrincipal([...byId.values()]));
    }

    const at = (e: AttributedPositionEventRecord): ChainPoint => ({ blockNumber: e.blockNumber, logIndex: e.logIndex });
    const [directory, poolStates, prices] = await Promise.all([
      this.directory.directory(),
      this.states.statesAsOf(records.map(({ value: e }) => ({ pool: e.pool, at: at(e) }))),
      this.prices.pricesUsd(records.flatMap(({ value: e }): UsdPriceRequest[] => [{ token: e.token0, at: at(e) }, { token: e.token1, at: at(e) }])),
    ]);

    const rows: ImpermanentLossRow[] = [];
    const rejected: Rejection[] = [];
    records.forEach(({ offset, value: e }, i) => {
      const state = principal.get(positionKeyOf(e))?.get(e.id);
      if (!state) {
        rejected.push({ offset, reason: `event ${e.id} is not in the history of ${positionKeyOf(e)}` });
        return;
      }
      const out = impermanentLossRow({
        event: { id: e.id, positionManager: e.positionManager.toLowerCase(), tokenId: e.tokenId, pool: e.pool, blockNumber: e.blockNumber, logIndex: e.logIndex, tickLower: e.positionTickLower, tickUpper: e.positionTickUpper },
        principal: state,
        poolPrice: poolStates[i],
        decimals0: directory.decimalsOf(e.token0),
        decimals1: directory.decimalsOf(e.token1),
        price0: prices[2 * i],
        price1: prices[2 * i + 1],
      });
      if ('row' in out) rows.push(out.row);
      else rejected.push({ offset, reason: out.reason });
    });
    await this.repository.write(rows);
    return { rejected };
  }
}

function historyEventOf(e: AttributedPositionEventRecord): PositionHistoryEvent {
  return { id: e.id, blockNumber: e.blockNumber, logIndex: e.logIndex, eventType: e.eventType, liquidityDelta: e.liquidityDelta, amount0: e.amount0, amount1: e.amount1 };
}
