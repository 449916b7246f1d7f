import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import type { ChainClient } from '@lib/chain';
import { forEachOwnedPage, MarkerGate, ownsKey, type Rejection, type StepBatch, type StepBatchResult } from '@lib/consumer';
import { EndMarkerOriginRepository } from '@lib/pipeline';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import { PG_POOL } from '@lib/platform';
import { endOfBlock, PoolDirectoryRepository, PoolPriceSource, PoolStateRepository, pricingConfigFromEnv, type ChainPoint, type UsdPriceRequest } from '@lib/pricing';
import { FeeStateReader, type PoolPosition, PoolPositionReader, type PositionFeeState, positionKey } from '@lib/position';
import { CHAIN_CLIENT } from '../../runtime/chain.provider';
import { foldLedger, ledgerBefore, type LedgerState } from './position-ledger';
import { positionSnapshotRow, type PositionSnapshotRow, type SnapshotKey } from './position-snapshot-row';
import { PositionSnapshotsRepository, type BurnedPosition, type SnapshotPosition } from './position-snapshots.repository';
import { planForAsOf, planForEvents, type SnapshotPlan } from './snapshot-plan';

/** Snapshots whose chain reads are in flight at once; viem folds each block's reads into one multicall. */
const READ_CONCURRENCY = 32;

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

/**
 * Step 6, position snapshots: after each event, at each UTC day end while open, and at the
 * run's as-of time (end-of-replay marker). Every row is recomputed from facts — the
 * position's history in attributed_event, "PoolEvent" prices, the chain at a block — so
 * whichever instance or replay writes it, it is the same row (keys: migrations/0010). The
 * run's end is acted on in a partition once every origin's marker is there (MarkerGate),
 * for the positions whose key the producer maps to that partition, a page at a time.
 */
@Injectable()
export class PositionSnapshotsService {
  private readonly reader: FeeStateReader;
  private readonly poolPositions: PoolPositionReader;
  private readonly repository: PositionSnapshotsRepository;
  private readonly directory: PoolDirectoryRepository;
  private readonly states: PoolStateRepository;
  private readonly prices: PoolPriceSource;
  private readonly logger = new Logger('PositionSnapshots');
  private readonly gate: MarkerGate;

  constructor(@Inject(PG_POOL) pool: Pool, @Inject(CHAIN_CLIENT) client: ChainClient) {
    this.gate = new MarkerGate(new EndMarkerOriginRepository(pool), 'position-snapshots');
    this.reader = new FeeStateReader(client);
    this.poolPositions = new PoolPositionReader(client);
    this.repository = new PositionSnapshotsRepository(pool);
    this.directory = new PoolDirectoryRepository(pool);
    this.states = new PoolStateRepository(pool);
    this.prices = new PoolPriceSource(pricingConfigFromEnv(), this.directory, this.states);
  }

  async handle(batch: StepBatch<AttributedPositionEventRecord>): Promise<StepBatchResult> {
    if (batch.records.length === 0 && batch.markers.length === 0) return {};

    const touched = new Map<string, Set<string>>();
    const offsets = new Map<string, string>();
    for (const { offset, value: e } of batch.records) {
      const key = positionKey(e.positionManager, e.tokenId);
      touched.set(key, (touched.get(key) ?? new Set()).add(e.id));
      offsets.set(e.id, offset);
    }
    const rejected: Rejection[] = [];
    if (batch.records.length > 0) {
      // Only the batch's positions are read.
      const positions = await this.repository.positions([...touched.keys()].map(keyParts));
      mergeBatchRecords(positions, batch.records.map((r) => r.value));
      const planned = await this.snapshot(positions, touched, offsets, null, rejected);
      // An event whose position could not be read at all (no history) is rejected, not dropped.
      for (const { offset, value: e } of batch.records) if (!planned.has(e.id)) rejected.push({ offset, reason: `event ${e.id} is not in the history of ${positionKey(e.positionManager, e.tokenId)}` });
    }

    // The run's end, after the events: this partition's positions, a page at a time.
    for (const marker of await this.gate.ended(batch)) {
      await forEachOwnedPage<{ positionManager: string; tokenId: string }>(
        { read: (after, limit) => this.repository.positionKeys(after, limit), keyOf: (k) => positionKey(k.positionManager, k.tokenId), owns: ownsKey(marker, batch.partition) },
        async (keys) => void (await this.snapshot(await this.repository.positions(keys), new Map(), new Map(), marker.asOf, rejected)),
      );
    }
    return { rejected };
  }

  /**
   * Computes and writes (one transaction) the snapshots of the given positions: each
   * touched event's and the day ends around it, and the run's end as of `asOf` when given.
   * Returns the ids of the events planned.
   */
  private async snapshot(
    positions: Map<string, SnapshotPosition>,
    touched: Map<string, Set<string>>,
    offsets: Map<string, string>,
    asOf: number | null,
    rejected: Rejection[],
  ): Promise<Set<string>> {
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
    const blocks = await this.repository.blocksAtOrBefore(plans.flatMap(({ plan: p }) => (p.kind === 'day-end' ? [p.time - 1] : p.kind === 'as-of' ? [p.time] : [])));
    const work: SnapshotWork[] = [];
    for (const { position, entries, plan } of plans) {
      const base = { positionManager: position.positionManager, tokenId: position.tokenId };
      if (plan.kind === 'event') {
        const e = plan.entry.event;
        work.push({
          key: { ...base, kind: 'event', snapshotTime: e.timestamp, blockNumber: e.blockNumber, logIndex: e.logIndex, eventId: e.id },
          position, ledger: plan.entry.state, point: { blockNumber: e.blockNumber, logIndex: e.logIndex }, rpcBlock: e.blockNumber, offset: offsets.get(e.id),
        });
        continue;
      }
      const block = blocks.get(plan.kind === 'day-end' ? plan.time - 1 : plan.time);
      if (block === undefined) continue;
      const point = endOfBlock(block);
      const ledger = ledgerBefore(entries, point);
      // Not minted yet or burned by then: not open, no snapshot.
      if (!ledger || ledger.burned) continue;
      work.push({ key: { ...base, kind: plan.kind, snapshotTime: plan.time, blockNumber: block, logIndex: -1, eventId: null }, position, ledger, point, rpcBlock: block });
    }
    const unique = [...new Map(work.map((w) => [rowKey(w.key), w])).values()];

    const { feeStates, poolPositions } = await this.readFeeStates(unique);
    const [directory, poolStates, prices] = await Promise.all([
      this.directory.directory(),
      this.states.statesAsOf(unique.map((w) => ({ pool: w.position.pool, at: w.point }))),
      this.prices.pricesUsd(unique.flatMap((w): UsdPriceRequest[] => [{ token: w.position.token0, at: w.point }, { token: w.position.token1, at: w.point }])),
    ]);

    const rows: PositionSnapshotRow[] = [];
    unique.forEach((w, i) => {
      const out = positionSnapshotRow({
        key: w.key,
        position: { pool: w.position.pool, tickLower: w.position.tickLower, tickUpper: w.position.tickUpper },
        ledger: w.ledger,
        poolPrice: poolStates[i],
        feeState: feeStates[i],
        poolPosition: poolPositions[i],
        rpcBlock: w.rpcBlock,
        decimals0: directory.decimalsOf(w.position.token0),
        decimals1: directory.decimalsOf(w.position.token1),
        price0: prices[2 * i],
        price1: prices[2 * i + 1],
      });
      if ('row' in out) rows.push(out.row);
      else if (w.offset !== undefined) rejected.push({ offset: w.offset, reason: out.reason });
      // A day end or as-of has no record to send to the DLQ: said in the log, the rest goes on.
      else this.logger.warn(`skipped ${w.key.kind} snapshot: ${out.reason}`);
    });
    await this.repository.write(rows, burned);
    return new Set(unique.flatMap((w) => (w.key.eventId ? [w.key.eventId] : [])));
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
          const at = { positionManager: p.positionManager, tokenId: p.tokenId, pool: p.pool, tickLower: p.tickLower, tickUpper: p.tickUpper, blockNumber: rpcBlock };
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
      p = { positionManager: e.positionManager.toLowerCase(), tokenId: e.tokenId, pool: e.pool.toLowerCase(), token0: e.token0.toLowerCase(), token1: e.token1.toLowerCase(), tickLower: e.positionTickLower, tickUpper: e.positionTickUpper, history: [] };
      positions.set(key, p);
    }
    if (!p.history.some((h) => h.id === e.id)) {
      p.history.push({ id: e.id, blockNumber: e.blockNumber, logIndex: e.logIndex, timestamp: e.timestamp, eventType: e.eventType, liquidityDelta: e.liquidityDelta, amount0: e.amount0, amount1: e.amount1 });
    }
  }
}
