import { Injectable, Logger } from '@nestjs/common';
import type { Computed, EnrichmentStep, IncomingRecord, Rejection, RunEndWork } from '@lib/consumer';
import type { AttributedPositionEventRecord, EndOfReplayMarker } from '@lib/kafka';
import { compareChainPoints, endOfBlock, PoolDirectoryRepository, PoolPriceSource, PoolStateRepository, type ChainPoint } from '@lib/pricing';
import { ChainTimeRepository, foldPrincipal, noBlockTimeReason, PoolTickTimelines, positionKey, type BlockAtTime } from '@lib/position';
import { positionHealthRow, type PositionHealthInputs, type PositionHealthRow } from './position-health-row';
import { healthWindowStart } from './window-time-in-range';
import { PositionHealthRepository, type RegisteredPosition, type TimedHistoryEvent } from './position-health.repository';

const MAX_LOG_INDEX = 2 ** 31 - 1;

/** One row to read for: a position as of a time; state as of `at` (strictly before), history up to `upTo` (inclusive). */
interface HealthRequest {
  position: RegisteredPosition;
  asOf: number;
  at: ChainPoint;
  upTo: ChainPoint;
  /** Set for an event's row: the event itself joins the history, and its record's offset. */
  event?: AttributedPositionEventRecord;
  offset?: string;
}

/** An event whose pool's tick changes cannot be placed in time (a block without a block_time row): rejected with the reason. */
export interface HealthWithoutTime {
  offset: string;
  reason: string;
}

/** A fact: a row's whole input, or an event rejected for a missing block time. */
export type PositionHealthFact = PositionHealthInputs | HealthWithoutTime;

const pointOf = (e: { blockNumber: number; logIndex: number }): ChainPoint => ({ blockNumber: e.blockNumber, logIndex: e.logIndex });

/**
 * Step 10, position health (docs/health-score.md), as of each position event and as of the
 * run's as-of time for every open position. The run's end (the runtime's marker gate: step 1
 * has then attributed everything) covers the registered positions whose key the producer
 * maps to the partition, in pages; their records all came before, so the as-of rows come
 * last. Reads attributed_event, position_registry and "PoolEvent" only; one upsert for the
 * batch's events, one per page. A fact is the row function's whole input.
 */
@Injectable()
export class PositionHealthStep implements EnrichmentStep<AttributedPositionEventRecord, PositionHealthFact[], PositionHealthRow> {
  readonly name = 'position-health';
  private readonly logger = new Logger('PositionHealth');
  /** The last block at or before each run's as-of time, read once per marker (skip and every page share it). */
  private readonly lastBlocks = new WeakMap<EndOfReplayMarker, Promise<BlockAtTime>>();

  constructor(
    readonly sink: PositionHealthRepository,
    private readonly timelines: PoolTickTimelines,
    private readonly directory: PoolDirectoryRepository,
    private readonly states: PoolStateRepository,
    private readonly prices: PoolPriceSource,
    private readonly chainTime: ChainTimeRepository,
  ) {}

  readonly runEnd: RunEndWork<RegisteredPosition, PositionHealthFact[]> = {
    items: (after, limit) => this.sink.positions(after, limit),
    keyOf: (p) => positionKey(p.positionManager, p.tokenId),
    // No block at or before the as-of time, or one that cannot be placed (a block without a time): no as-of rows.
    skip: async (marker) => {
      const last = await this.lastBlockOf(marker);
      if (!last.ok) this.logger.warn(`no as-of rows for the run's end at ${marker.asOf}: ${last.reason}`);
      return !last.ok || last.block === 0;
    },
    load: async (page, marker) => {
      const last = await this.lastBlockOf(marker);
      const lastBlock = last.ok ? last.block : 0;
      return this.facts(
        page
          .filter((position) => position.tickLower < position.tickUpper)
          .map((position) => ({ position, asOf: marker.asOf, at: endOfBlock(lastBlock), upTo: { blockNumber: lastBlock, logIndex: MAX_LOG_INDEX } })),
      );
    },
  };

  screen(e: AttributedPositionEventRecord): string | undefined {
    const { positionTickLower: lower, positionTickUpper: upper } = e;
    if (!Number.isInteger(lower) || !Number.isInteger(upper) || lower >= upper) return `event ${e.id} has no valid position range (${lower}, ${upper})`;
    return undefined;
  }

  load(records: IncomingRecord<AttributedPositionEventRecord>[]): Promise<PositionHealthFact[]> {
    return this.facts(
      records.map(({ offset, value: e }) => {
        const position = {
          positionManager: e.positionManager.toLowerCase(),
          tokenId: e.tokenId,
          pool: e.pool,
          token0: e.token0,
          token1: e.token1,
          tickLower: e.positionTickLower,
          tickUpper: e.positionTickUpper,
        };
        return { position, asOf: e.timestamp, at: pointOf(e), upTo: pointOf(e), event: e, offset };
      }),
    );
  }

  compute(facts: PositionHealthFact[]): Computed<PositionHealthRow> {
    const rows: PositionHealthRow[] = [];
    const rejections: Rejection[] = [];
    for (const f of facts) {
      if ('reason' in f) rejections.push(f);
      else rows.push(positionHealthRow(f));
    }
    return { rows, rejections };
  }

  /** Every input of the requests' rows: histories, the positions that get a row, pool states, tick changes, decimals, prices. */
  private async facts(requests: HealthRequest[]): Promise<PositionHealthFact[]> {
    if (requests.length === 0) return [];
    const histories = await this.historiesOf(requests);
    const prepared = requests.flatMap((r) => {
      const history = (histories.get(keyOf(r)) ?? []).filter((h) => compareChainPoints(h, r.upTo) <= 0);
      if (history.length === 0) return [];
      // As of the run's end only open positions get a health: a withdrawn one has nothing at stake.
      if (!r.event) {
        const last = foldPrincipal(history).get(history[history.length - 1].id)!;
        if (last.liquidity <= 0n) return [];
      }
      const opening = history.find((h) => h.eventType === 'MINT') ?? history[0];
      return [{ ...r, history, opening }];
    });
    if (prepared.length === 0) return [];

    const [states, timelines, directory, prices] = await Promise.all([
      this.states.statesAsOf([
        ...prepared.map((r) => ({ pool: r.position.pool, at: r.at })),
        ...prepared.map((r) => ({ pool: r.position.pool, at: pointOf(r.opening) })),
      ]),
      this.timelines.upTo(latestPointPerPool(prepared)),
      this.directory.directory(),
      this.prices.pricesUsd(
        prepared.flatMap((r) => [
          { token: r.position.token0, at: r.at },
          { token: r.position.token1, at: r.at },
        ]),
      ),
    ]);

    return prepared.flatMap((r, i): PositionHealthFact[] => {
      const timeline = timelines.get(r.position.pool)!;
      if (compareChainPoints(r.at, timeline.loadedUntil) > 0) {
        // The pool's changes stop at a block without a time: an event is rejected, a run-end row left out.
        const reason = `pool ${r.position.pool}'s tick changes before ${r.at.blockNumber}:${r.at.logIndex}: ${noBlockTimeReason(this.timelines.blockWithoutTime(r.position.pool) ?? timeline.loadedUntil.blockNumber)}`;
        return r.offset === undefined ? [] : [{ offset: r.offset, reason }];
      }
      // Changes before the 7-day window only set the tick it starts with: skipped, their last tick taken.
      const changes = timeline.between(pointOf(r.opening), r.at, healthWindowStart(r.opening.timestamp, r.asOf));
      const inputs: PositionHealthInputs = {
        position: r.position,
        asOf: r.asOf,
        at: r.at,
        poolState: states[i],
        opening: { timestamp: r.opening.timestamp, tickAtOpen: changes.tickBefore ?? states[prepared.length + i]?.tick ?? null },
        changes,
        history: r.history,
        decimals0: directory.decimalsOf(r.position.token0),
        decimals1: directory.decimalsOf(r.position.token1),
        price0: prices[2 * i],
        price1: prices[2 * i + 1],
      };
      return [inputs];
    });
  }

  /** Each position's history up to its latest requested point; the batch's own events join it (same ids: one fact each). */
  private async historiesOf(requests: HealthRequest[]): Promise<Map<string, TimedHistoryEvent[]>> {
    const last = new Map<string, { positionManager: string; tokenId: string } & ChainPoint>();
    for (const r of requests) {
      const seen = last.get(keyOf(r));
      if (!seen || compareChainPoints(r.upTo, seen) > 0)
        last.set(keyOf(r), { positionManager: r.position.positionManager, tokenId: r.position.tokenId, ...r.upTo });
    }
    const histories = await this.sink.histories([...last.values()]);
    for (const r of requests) {
      if (!r.event) continue;
      const e = r.event;
      const list = histories.get(keyOf(r)) ?? [];
      if (!list.some((h) => h.id === e.id)) {
        list.push({
          id: e.id,
          blockNumber: e.blockNumber,
          logIndex: e.logIndex,
          timestamp: e.timestamp,
          eventType: e.eventType,
          liquidityDelta: e.liquidityDelta,
          amount0: e.amount0,
          amount1: e.amount1,
        });
        list.sort(compareChainPoints);
      }
      histories.set(keyOf(r), list);
    }
    return histories;
  }

  private lastBlockOf(marker: EndOfReplayMarker): Promise<BlockAtTime> {
    let block = this.lastBlocks.get(marker);
    if (!block) this.lastBlocks.set(marker, (block = this.chainTime.lastBlockAtOrBefore(marker.asOf)));
    return block;
  }
}

const keyOf = (r: HealthRequest) => positionKey(r.position.positionManager, r.position.tokenId);

/** Per pool, the latest point asked about: every change before it must be loaded. */
function latestPointPerPool(requests: { position: { pool: string }; at: ChainPoint }[]): Map<string, ChainPoint> {
  const latest = new Map<string, ChainPoint>();
  for (const r of requests) {
    const seen = latest.get(r.position.pool);
    if (!seen || compareChainPoints(r.at, seen) > 0) latest.set(r.position.pool, r.at);
  }
  return latest;
}
