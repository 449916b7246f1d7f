import { Injectable, Logger } from '@nestjs/common';
import type { Queryable } from '@lib/db';
import type { Computed, EnrichmentStep, IncomingRecord, Rejection, RunEndWork, StepSink } from '@lib/consumer';
import type { AttributedPositionEventRecord, EndOfReplayMarker } from '@lib/kafka';
import {
  endOfBlock,
  PoolDirectoryRepository,
  PoolPriceSource,
  PoolStateRepository,
  type ChainPoint,
  type DecimalsLookup,
  type PoolState,
  type PriceResult,
  type UsdPriceRequest,
} from '@lib/pricing';
import { FeeStateReader, type PoolPosition, PoolPositionReader, type PositionFeeState, positionKey } from '@lib/position';
import { foldLedger, ledgerBefore, type LedgerState } from './position-ledger';
import { positionSnapshotRow, type PositionSnapshotRow, type SnapshotKey } from './position-snapshot-row';
import { PositionSnapshotsRepository, type BurnedPosition, type SnapshotPosition } from './position-snapshots.repository';
import { planForAsOf, planForEvents, type SnapshotPlan } from './snapshot-plan';

/** Snapshots whose chain reads are in flight at once; viem folds each block's reads into one multicall. */
const READ_CONCURRENCY = 32;

type PositionRef = { positionManager: string; tokenId: string };

/** One snapshot located: its key, the ledger state, the chain point its prices are read at, the block its fees are read at. */
interface SnapshotWork {
  key: SnapshotKey;
  position: SnapshotPosition;
  ledger: LedgerState;
  point: ChainPoint;
  rpcBlock: number;
  /** The record it came from (a rejection goes to the DLQ); none for marker-driven snapshots. */
  offset?: string;
}

/** One snapshot with everything read for it: the chain at rpcBlock, the pool's price and USD prices at its point. */
export interface SnapshotFact {
  key: SnapshotKey;
  position: { pool: string; tickLower: number; tickUpper: number };
  ledger: LedgerState;
  rpcBlock: number;
  /** The record it came from; none for day-end and as-of snapshots. */
  offset?: string;
  poolPrice: PoolState | null;
  feeState: PositionFeeState;
  poolPosition: PoolPosition | null;
  decimals0: DecimalsLookup;
  decimals1: DecimalsLookup;
  price0: PriceResult;
  price1: PriceResult;
}

/** What a batch's (or a run-end page's) snapshots are computed from. */
export interface PositionSnapshotsFacts {
  /** The batch's records (none at a run's end): one that no snapshot is planned for is rejected. */
  records: { offset: string; event: AttributedPositionEventRecord }[];
  /** The snapshots planned, one per row key. */
  snapshots: SnapshotFact[];
  /** The positions of the batch (or page) that are burned. */
  burned: BurnedPosition[];
  /** Day-end/as-of snapshots whose block cannot be placed (a block without a block_time row), each with its reason: logged, no row. */
  unplaced?: string[];
}

/**
 * What the sink gets: snapshot rows, burned positions (their impossible block-end snapshots
 * are deleted) and the day-end/as-of snapshots skipped (no record to reject: said in the log).
 */
export type SnapshotWrite = { row: PositionSnapshotRow } | { burned: BurnedPosition } | { skipped: string };

/**
 * Step 6, position snapshots: after each event, at each UTC day end while open, and at the
 * run's as-of time (end-of-replay marker). Every row is recomputed from facts — the
 * position's history in attributed_event, "PoolEvent" prices, the chain at a block — so
 * whichever instance or replay writes it, it is the same row (keys: migrations/0010). The
 * run's end (`runEnd`) is acted on by the runtime in a partition once every origin's marker
 * is there, for the positions whose key the producer maps to that partition, a page at a time.
 */
@Injectable()
export class PositionSnapshotsStep implements EnrichmentStep<AttributedPositionEventRecord, PositionSnapshotsFacts, SnapshotWrite> {
  readonly name = 'position-snapshots';
  private readonly logger = new Logger('PositionSnapshots');

  /** One transaction: the burned positions' impossible snapshots dropped, then the rows (position-snapshots.repository.ts). */
  readonly sink: StepSink<SnapshotWrite> = {
    write: async (db: Queryable, writes: SnapshotWrite[]) => {
      const rows: PositionSnapshotRow[] = [];
      const burned: BurnedPosition[] = [];
      for (const w of writes) {
        if ('row' in w) rows.push(w.row);
        else if ('burned' in w) burned.push(w.burned);
        else this.logger.warn(w.skipped);
      }
      await this.repository.write(db, rows, burned);
    },
  };

  /** The run's end: every registered position this partition owns, a keyset page at a time, as of the marker. */
  readonly runEnd: RunEndWork<PositionRef, PositionSnapshotsFacts> = {
    items: (after, limit) => this.repository.positionKeys(after, limit),
    keyOf: (k) => positionKey(k.positionManager, k.tokenId),
    load: async (keys: PositionRef[], marker: EndOfReplayMarker) => ({
      records: [],
      ...(await this.snapshotFacts(await this.repository.positions(keys), new Map(), new Map(), marker.asOf)),
    }),
  };

  constructor(
    private readonly repository: PositionSnapshotsRepository,
    private readonly reader: FeeStateReader,
    private readonly poolPositions: PoolPositionReader,
    private readonly directory: PoolDirectoryRepository,
    private readonly states: PoolStateRepository,
    private readonly prices: PoolPriceSource,
  ) {}

  async load(records: IncomingRecord<AttributedPositionEventRecord>[]): Promise<PositionSnapshotsFacts> {
    const touched = new Map<string, Set<string>>();
    const offsets = new Map<string, string>();
    for (const { offset, value: e } of records) {
      const key = positionKey(e.positionManager, e.tokenId);
      touched.set(key, (touched.get(key) ?? new Set()).add(e.id));
      offsets.set(e.id, offset);
    }
    // Only the batch's positions are read.
    const positions = await this.repository.positions([...touched.keys()].map(keyParts));
    mergeBatchRecords(
      positions,
      records.map((r) => r.value),
    );
    return { records: records.map(({ offset, value }) => ({ offset, event: value })), ...(await this.snapshotFacts(positions, touched, offsets, null)) };
  }

  compute({ records, snapshots, burned, unplaced = [] }: PositionSnapshotsFacts): Computed<SnapshotWrite> {
    const writes: SnapshotWrite[] = [...burned.map((b) => ({ burned: b })), ...unplaced.map((skipped) => ({ skipped }))];
    const rejections: Rejection[] = [];
    for (const s of snapshots) {
      const out = positionSnapshotRow({
        key: s.key,
        position: s.position,
        ledger: s.ledger,
        poolPrice: s.poolPrice,
        feeState: s.feeState,
        poolPosition: s.poolPosition,
        rpcBlock: s.rpcBlock,
        decimals0: s.decimals0,
        decimals1: s.decimals1,
        price0: s.price0,
        price1: s.price1,
      });
      if ('row' in out) writes.push({ row: out.row });
      else if (s.offset !== undefined) rejections.push({ offset: s.offset, reason: out.reason });
      // A day end or as-of has no record to send to the DLQ: said in the log, the rest goes on.
      else writes.push({ skipped: `skipped ${s.key.kind} snapshot: ${out.reason}` });
    }
    // An event whose position could not be read at all (no history) is rejected, not dropped.
    const planned = new Set(snapshots.flatMap((s) => (s.key.eventId ? [s.key.eventId] : [])));
    for (const { offset, event: e } of records)
      if (!planned.has(e.id)) rejections.push({ offset, reason: `event ${e.id} is not in the history of ${positionKey(e.positionManager, e.tokenId)}` });
    return { rows: writes, rejections };
  }

  /**
   * Plans the snapshots of the given positions — each touched event's and the day ends
   * around it, and the run's end as of `asOf` when given — and reads what each needs.
   */
  private async snapshotFacts(
    positions: Map<string, SnapshotPosition>,
    touched: Map<string, Set<string>>,
    offsets: Map<string, string>,
    asOf: number | null,
  ): Promise<{ snapshots: SnapshotFact[]; burned: BurnedPosition[]; unplaced: string[] }> {
    const plans: { position: SnapshotPosition; entries: ReturnType<typeof foldLedger>; plan: SnapshotPlan }[] = [];
    const burned: BurnedPosition[] = [];
    for (const [key, position] of positions) {
      const entries = foldLedger(position.history);
      const burn = entries.find((x) => x.state.burned);
      if (burn) burned.push({ positionManager: position.positionManager, tokenId: position.tokenId, burnTime: burn.event.timestamp });
      const ids = touched.get(key);
      if (ids) for (const plan of planForEvents(entries, ids)) plans.push({ position, entries, plan });
      if (asOf !== null) for (const plan of planForAsOf(entries, asOf)) plans.push({ position, entries, plan });
    }

    // A day end D reads the newest block before D (the day is [D − 86400, D)); as-of the newest at or before it.
    const blocks = await this.repository.blocksAtOrBefore(
      plans.flatMap(({ plan: p }) => (p.kind === 'day-end' ? [p.time - 1] : p.kind === 'as-of' ? [p.time] : [])),
    );
    const work: SnapshotWork[] = [];
    const unplaced: string[] = [];
    for (const { position, entries, plan } of plans) {
      const base = { positionManager: position.positionManager, tokenId: position.tokenId };
      if (plan.kind === 'event') {
        const e = plan.entry.event;
        work.push({
          key: { ...base, kind: 'event', snapshotTime: e.timestamp, blockNumber: e.blockNumber, logIndex: e.logIndex, eventId: e.id },
          position,
          ledger: plan.entry.state,
          point: { blockNumber: e.blockNumber, logIndex: e.logIndex },
          rpcBlock: e.blockNumber,
          offset: offsets.get(e.id),
        });
        continue;
      }
      const at = blocks.get(plan.kind === 'day-end' ? plan.time - 1 : plan.time);
      // No block at or before the time: nothing to read. A block without a time that could be the one: no row, said in the log.
      if (at === undefined || (at.ok && at.block === 0)) continue;
      if (!at.ok) {
        unplaced.push(`skipped ${plan.kind} snapshot of ${positionKey(position.positionManager, position.tokenId)} at ${plan.time}: ${at.reason}`);
        continue;
      }
      const block = at.block;
      const point = endOfBlock(block);
      const ledger = ledgerBefore(entries, point);
      // Not minted yet or burned by then: not open, no snapshot.
      if (!ledger || ledger.burned) continue;
      work.push({
        key: { ...base, kind: plan.kind, snapshotTime: plan.time, blockNumber: block, logIndex: -1, eventId: null },
        position,
        ledger,
        point,
        rpcBlock: block,
      });
    }
    const unique = [...new Map(work.map((w) => [rowKey(w.key), w])).values()];

    const { feeStates, poolPositions } = await this.readFeeStates(unique);
    const [directory, poolStates, prices] = await Promise.all([
      this.directory.directory(),
      this.states.statesAsOf(unique.map((w) => ({ pool: w.position.pool, at: w.point }))),
      this.prices.pricesUsd(
        unique.flatMap((w): UsdPriceRequest[] => [
          { token: w.position.token0, at: w.point },
          { token: w.position.token1, at: w.point },
        ]),
      ),
    ]);
    const snapshots = unique.map((w, i): SnapshotFact => ({
      key: w.key,
      position: { pool: w.position.pool, tickLower: w.position.tickLower, tickUpper: w.position.tickUpper },
      ledger: w.ledger,
      rpcBlock: w.rpcBlock,
      offset: w.offset,
      poolPrice: poolStates[i],
      feeState: feeStates[i],
      poolPosition: poolPositions[i],
      decimals0: directory.decimalsOf(w.position.token0),
      decimals1: directory.decimalsOf(w.position.token1),
      price0: prices[2 * i],
      price1: prices[2 * i + 1],
    }));
    return { snapshots, burned, unplaced };
  }

  /** The fee state of each snapshot at its block, and the pool's position of its range where collect would touch it. */
  private async readFeeStates(work: readonly SnapshotWork[]): Promise<{ feeStates: PositionFeeState[]; poolPositions: (PoolPosition | null)[] }> {
    const states: PositionFeeState[] = new Array(work.length);
    const poolPositions: (PoolPosition | null)[] = new Array(work.length).fill(null);
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(READ_CONCURRENCY, work.length) }, async () => {
        while (next < work.length) {
          const i = next++;
          const { position: p, rpcBlock } = work[i];
          const at = {
            positionManager: p.positionManager,
            tokenId: p.tokenId,
            pool: p.pool,
            tickLower: p.tickLower,
            tickUpper: p.tickUpper,
            blockNumber: rpcBlock,
          };
          states[i] = await this.reader.read(at);
          if (states[i].kind !== 'burned') poolPositions[i] = await this.poolPositions.read(at);
        }
      }),
    );
    return { feeStates: states, poolPositions };
  }
}

const keyParts = (key: string) => {
  const i = key.lastIndexOf(':');
  return { positionManager: key.slice(0, i), tokenId: key.slice(i + 1) };
};

const rowKey = (k: SnapshotKey) => `${k.positionManager}:${k.tokenId}:${k.kind}:${k.snapshotTime}:${k.blockNumber}:${k.logIndex}`;

/**
 * The batch's own records join the stored history (same ids: one fact each), in case
 * attribution's rows are not visible yet; a position missing from the registry is taken
 * from its records.
 */
function mergeBatchRecords(positions: Map<string, SnapshotPosition>, records: readonly AttributedPositionEventRecord[]): void {
  for (const e of records) {
    const key = positionKey(e.positionManager, e.tokenId);
    let p = positions.get(key);
    if (!p) {
      p = {
        positionManager: e.positionManager.toLowerCase(),
        tokenId: e.tokenId,
        pool: e.pool.toLowerCase(),
        token0: e.token0.toLowerCase(),
        token1: e.token1.toLowerCase(),
        tickLower: e.positionTickLower,
        tickUpper: e.positionTickUpper,
        history: [],
      };
      positions.set(key, p);
    }
    if (!p.history.some((h) => h.id === e.id)) {
      p.history.push({
        id: e.id,
        blockNumber: e.blockNumber,
        logIndex: e.logIndex,
        timestamp: e.timestamp,
        eventType: e.eventType,
        liquidityDelta: e.liquidityDelta,
        amount0: e.amount0,
        amount1: e.amount1,
      });
    }
  }
}
