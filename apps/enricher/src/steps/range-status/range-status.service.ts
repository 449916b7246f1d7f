import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import type { IncomingRecord, Rejection, StepBatch, StepBatchResult } from '@lib/consumer';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import { PG_POOL } from '@lib/platform';
import { chainPointKey, compareChainPoints, PoolStateRepository, type ChainPoint, type PoolStateRequest } from '@lib/pricing';
import { isInRange } from '@lib/v3-math';
import { PoolTickTimelines, positionKey, timeInRange } from '@lib/position';
import { PositionRangeStatusRepository, type PositionOpening, type PositionRangeStatusRow } from './position-range-status.repository';

type Event = IncomingRecord<AttributedPositionEventRecord>;

const pointOf = (e: AttributedPositionEventRecord): ChainPoint => ({ blockNumber: e.blockNumber, logIndex: e.logIndex });

/**
 * Step 3, range status: for every position event, the pool tick as of the event (its last
 * Swap/Initialize strictly before it), IN_RANGE iff tickLower ≤ tick < tickUpper, and the
 * seconds the tick spent in range since the position's MINT, from the pool's swaps.
 */
@Injectable()
export class RangeStatusService {
  private readonly repository: PositionRangeStatusRepository;
  private readonly states: PoolStateRepository;
  private readonly timelines: PoolTickTimelines;

  constructor(@Inject(PG_POOL) pool: Pool) {
    this.repository = new PositionRangeStatusRepository(pool);
    this.states = new PoolStateRepository(pool);
    this.timelines = new PoolTickTimelines(pool);
  }

  async handle(batch: StepBatch<AttributedPositionEventRecord>): Promise<StepBatchResult> {
    const rejected: Rejection[] = [];
    const events: Event[] = [];
    for (const r of batch.records) {
      const { positionTickLower: lower, positionTickUpper: upper } = r.value;
      if (!Number.isInteger(lower) || !Number.isInteger(upper) || lower >= upper) {
        rejected.push({ offset: r.offset, reason: `event ${r.value.id} has no valid position range (${lower}, ${upper})` });
        continue;
      }
      events.push(r);
    }
    if (events.length === 0) return { rejected };

    const openings = await this.openingsOf(events);
    const eventStates: PoolStateRequest[] = events.map(({ value: e }) => ({ pool: e.pool, at: pointOf(e) }));
    const openingStates: PoolStateRequest[] = events.map(({ value: e }) => ({ pool: e.pool, at: openings.get(positionKey(e.positionManager, e.tokenId))! }));
    const [states, timelines] = await Promise.all([this.states.statesAsOf([...eventStates, ...openingStates]), this.timelines.upTo(latestPointPerPool(events))]);

    const rows: PositionRangeStatusRow[] = [];
    events.forEach(({ offset, value: e }, i) => {
      const state = states[i];
      if (!state) {
        rejected.push({ offset, reason: `pool ${e.pool} has no Swap or Initialize before ${chainPointKey(pointOf(e))}` });
        return;
      }
      const opening = openings.get(positionKey(e.positionManager, e.tokenId))!;
      const time = timeInRange({
        openedAt: opening.timestamp,
        at: e.timestamp,
        tickAtOpen: states[events.length + i]?.tick ?? null,
        changes: timelines.get(e.pool)!.between(opening, pointOf(e)),
        tickLower: e.positionTickLower,
        tickUpper: e.positionTickUpper,
      });
      rows.push({
        id: e.id, position_manager: e.positionManager, token_id: e.tokenId, pool: e.pool, block_number: e.blockNumber, log_index: e.logIndex,
        timestamp: e.timestamp, tick: state.tick, tick_lower: e.positionTickLower, tick_upper: e.positionTickUpper,
        status: isInRange(state.tick, e.positionTickLower, e.positionTickUpper) ? 'IN_RANGE' : 'OUT_OF_RANGE',
        seconds_in_range: time.secondsInRange, seconds_open: time.secondsOpen,
      });
    });
    await this.repository.write(rows);
    return { rejected };
  }

  /** Each position's opening from attributed_event; the batch's own earliest event when the table has none of it. */
  private async openingsOf(events: Event[]): Promise<Map<string, PositionOpening>> {
    const positions = new Map(events.map(({ value: e }) => [positionKey(e.positionManager, e.tokenId), { positionManager: e.positionManager, tokenId: e.tokenId }]));
    const openings = await this.repository.openings([...positions.values()]);
    for (const { value: e } of events) {
      const key = positionKey(e.positionManager, e.tokenId);
      const known = openings.get(key);
      if (!known || compareChainPoints(pointOf(e), known) < 0) openings.set(key, { ...pointOf(e), timestamp: e.timestamp });
    }
    return openings;
  }
}

/** Per pool of the batch, the latest event: every change before it must be loaded. */
function latestPointPerPool(events: Event[]): Map<string, ChainPoint> {
  const latest = new Map<string, ChainPoint>();
  for (const { value: e } of events) {
    const seen = latest.get(e.pool);
    if (!seen || compareChainPoints(pointOf(e), seen) > 0) latest.set(e.pool, pointOf(e));
  }
  return latest;
}
