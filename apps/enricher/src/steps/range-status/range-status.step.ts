import { Injectable } from '@nestjs/common';
import type { Computed, EnrichmentStep, IncomingRecord, Rejection } from '@lib/consumer';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import { noBlockTimeReason, positionKey, PoolTickTimelines, timeInRange, type TickChange, type TickSeries } from '@lib/position';
import { chainPointKey, compareChainPoints, PoolStateRepository, type ChainPoint, type PoolState, type PoolStateRequest } from '@lib/pricing';
import { isInRange } from '@lib/v3-math';
import { PositionRangeStatusRepository, type PositionOpening, type PositionRangeStatusRow } from './position-range-status.repository';

type Event = IncomingRecord<AttributedPositionEventRecord>;

/** What one event's row is computed from. */
export interface RangeStatusFact {
  offset: string;
  event: AttributedPositionEventRecord;
  /** The pool's state as of the event (null: no Swap or Initialize before it). */
  state: PoolState | null;
  opening: PositionOpening;
  /** The pool's tick as of the position's opening (null: none before it). */
  tickAtOpen: number | null;
  /** The pool's tick changes between the opening and the event; a reason where they cannot be placed in time (a block without a block_time row). */
  changes: Iterable<TickChange> | TickSeries | { noTime: string };
}

const pointOf = (e: AttributedPositionEventRecord): ChainPoint => ({ blockNumber: e.blockNumber, logIndex: e.logIndex });

/**
 * Step 3, range status: for every position event, the pool tick as of the event (its last
 * Swap/Initialize strictly before it), IN_RANGE iff tickLower ≤ tick < tickUpper, and the
 * seconds the tick spent in range since the position's MINT, from the pool's swaps.
 */
@Injectable()
export class RangeStatusStep implements EnrichmentStep<AttributedPositionEventRecord, RangeStatusFact[], PositionRangeStatusRow> {
  readonly name = 'range-status';

  constructor(
    readonly sink: PositionRangeStatusRepository,
    private readonly states: PoolStateRepository,
    private readonly timelines: PoolTickTimelines,
  ) {}

  screen(e: AttributedPositionEventRecord): string | undefined {
    const { positionTickLower: lower, positionTickUpper: upper } = e;
    if (!Number.isInteger(lower) || !Number.isInteger(upper) || lower >= upper) return `event ${e.id} has no valid position range (${lower}, ${upper})`;
    return undefined;
  }

  async load(events: Event[]): Promise<RangeStatusFact[]> {
    const openings = await this.openingsOf(events);
    const eventStates: PoolStateRequest[] = events.map(({ value: e }) => ({ pool: e.pool, at: pointOf(e) }));
    const openingStates: PoolStateRequest[] = events.map(({ value: e }) => ({ pool: e.pool, at: openings.get(positionKey(e.positionManager, e.tokenId))! }));
    const [states, timelines] = await Promise.all([
      this.states.statesAsOf([...eventStates, ...openingStates]),
      this.timelines.upTo(latestPointPerPool(events)),
    ]);
    return events.map(({ offset, value: e }, i) => {
      const opening = openings.get(positionKey(e.positionManager, e.tokenId))!;
      const timeline = timelines.get(e.pool)!;
      const stopped = compareChainPoints(pointOf(e), timeline.loadedUntil) > 0;
      return {
        offset,
        event: e,
        state: states[i],
        opening,
        tickAtOpen: states[events.length + i]?.tick ?? null,
        changes: stopped
          ? { noTime: noBlockTimeReason(this.timelines.blockWithoutTime(e.pool) ?? timeline.loadedUntil.blockNumber) }
          : timeline.between(opening, pointOf(e)),
      };
    });
  }

  compute(facts: RangeStatusFact[]): Computed<PositionRangeStatusRow> {
    const rows: PositionRangeStatusRow[] = [];
    const rejections: Rejection[] = [];
    for (const { offset, event: e, state, opening, tickAtOpen, changes } of facts) {
      if (!state) {
        rejections.push({ offset, reason: `pool ${e.pool} has no Swap or Initialize before ${chainPointKey(pointOf(e))}` });
        continue;
      }
      if ('noTime' in changes) {
        rejections.push({ offset, reason: `pool ${e.pool}'s tick changes before ${chainPointKey(pointOf(e))}: ${changes.noTime}` });
        continue;
      }
      const time = timeInRange({
        openedAt: opening.timestamp,
        at: e.timestamp,
        tickAtOpen,
        changes,
        tickLower: e.positionTickLower,
        tickUpper: e.positionTickUpper,
      });
      rows.push({
        id: e.id,
        position_manager: e.positionManager,
        token_id: e.tokenId,
        pool: e.pool,
        block_number: e.blockNumber,
        log_index: e.logIndex,
        timestamp: e.timestamp,
        tick: state.tick,
        tick_lower: e.positionTickLower,
        tick_upper: e.positionTickUpper,
        status: isInRange(state.tick, e.positionTickLower, e.positionTickUpper) ? 'IN_RANGE' : 'OUT_OF_RANGE',
        seconds_in_range: time.secondsInRange,
        seconds_open: time.secondsOpen,
      });
    }
    return { rows, rejections };
  }

  /** Each position's opening from attributed_event; the batch's own earliest event when the table has none of it. */
  private async openingsOf(events: Event[]): Promise<Map<string, PositionOpening>> {
    const positions = new Map(
      events.map(({ value: e }) => [positionKey(e.positionManager, e.tokenId), { positionManager: e.positionManager, tokenId: e.tokenId }]),
    );
    const openings = await this.sink.openings([...positions.values()]);
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
