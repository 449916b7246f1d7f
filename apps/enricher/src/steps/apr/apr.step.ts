import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Computed, EnrichmentStep, IncomingRecord, Rejection, RunEndWork } from '@lib/consumer';
import type { EndOfReplayMarker, PoolEventRecord } from '@lib/kafka';
import { ExpiringCache } from '@lib/common';
import {
  endOfBlock,
  PoolDirectoryRepository,
  PoolPriceSource,
  type DecimalsLookup,
  type PriceResult,
  type PricingConfig,
  type UsdPriceRequest,
} from '@lib/pricing';
import type { Ratio } from '@lib/v3-math';
import { formatUsd, noBlockTimeReason, swapInput, toUsdUnits, type BlockAtTime, type UsdUnits, valueSwap } from '@lib/position';
import { PRICING_CONFIG } from '../../runtime/shared.providers';
import { dayOf, daysToFill, daysToRecompute, DAY_SECONDS, isoDay } from './apr-days';
import { AprRepository, type PoolAprRow, type PoolEventDays } from './apr.repository';
import { incentiveProgrammes } from './incentive-programmes';
import { incentiveUsdOnDay, type IncentiveProgramme } from './incentive-rate';
import { balancesAtDayEnds, type DailyFlow } from './pool-balance';
import { poolApr } from './pool-apr';
import { monthStartOf, rflrRawOnDay } from './rflr-daily';

/** Pool-days read per round trip (keeps queries and price requests bounded on a big fill). */
const KEYS_PER_CHUNK = 500;
/** Events whose amounts the balances add up: a row without integer amounts cannot be folded. */
const FLOW_EVENTS = new Set(['Mint', 'Swap', 'Collect']);
const SIGNED_INTEGER = /^-?\d+$/;
/**
 * How long a pool's event days and daily flows, a day end's block and a month's rFLR are reused. They are
 * fixed while a run replays (the source tables are complete before it starts; flows of the
 * whole history, not up to a day, so a later batch needs nothing more); re-imported data is
 * seen within this. Read per batch, they cost seconds a batch at a million events.
 */
const FACTS_TTL_MS = 5 * 60_000;

const mapKeys = <K, V>(m: ReadonlyMap<K, V>, key: (k: K) => string): Map<string, V> => new Map([...m].map(([k, v]) => [key(k), v]));

interface PoolDay {
  pool: string;
  day: number;
}

/** A token of a pool-day's pool: its decimals and its USD price at the day's end. */
export interface DayEndToken {
  decimals: DecimalsLookup;
  price: PriceResult;
}

/** What one (pool, day) row is computed from (a pool known to "Pool"). */
export interface AprPoolDayFact extends PoolDay {
  /** The newest block before the day's end (null: none, and then no price counts). */
  endBlock: number | null;
  /** Set when that block cannot be placed (a block without a block_time row could be it): no price counts, this is why. */
  endBlockReason?: string;
  token0: DayEndToken;
  token1: DayEndToken;
  /** WFLR's USD price at the day's end (rFLR is priced 1:1 as WFLR). */
  rflrPrice: PriceResult;
  incentives: IncentiveProgramme[];
  /** The rFLR allocated to the pool's positions in the day's month, raw. */
  rflrMonthRaw: bigint;
}

/** A Swap of one of the pool-days, valued at its input token's price as of the swap. */
export interface AprSwapFact {
  pool: string;
  timestamp: number;
  amountIn: bigint;
  decimals: DecimalsLookup;
  price: PriceResult;
  /** The pool's fee tier (hundredths of a bip). */
  fee: number;
}

/** One chunk of at most KEYS_PER_CHUNK pool-days: its rows, its pools' daily flows, its swaps. */
export interface AprChunkFacts {
  days: AprPoolDayFact[];
  /** Each pool's net flow per day over its whole history. */
  flows: Map<string, DailyFlow[]>;
  swaps: AprSwapFact[];
  /** Records rejected: their pool has an event in a block without a block_time row, so none of its days can be placed. */
  rejections?: Rejection[];
}

/**
 * Step 8, APR: per pool and UTC day, TVL from the pool's balances at the day's end (folded
 * from its events) at the day-end prices, the day's LP fees, incentive programmes and rFLR,
 * as APRs. Every figure is recomputed from the facts in the database for the days a batch
 * touches; the run's end (the runtime's marker gate and owned pages) fills the remaining
 * days through its as-of day, for the pools of its own partition only (the replay writes
 * the marker to each), a page of pools at a time. Facts are read in chunks of pool-days.
 */
@Injectable()
export class AprStep implements EnrichmentStep<PoolEventRecord, AprChunkFacts[], PoolAprRow> {
  readonly name = 'apr';
  private readonly logger = new Logger('Apr');
  /** rFLR is priced 1:1 as WFLR (it is FLR, locked): it has no pool of its own. */
  private readonly rflrPricedAs: string;
  /** Facts of whole days and months, read once per FACTS_TTL_MS instead of per batch. */
  private readonly flowCache = new ExpiringCache<DailyFlow[]>(FACTS_TTL_MS);
  private readonly endBlockCache = new ExpiringCache<BlockAtTime>(FACTS_TTL_MS);
  private readonly eventDayCache = new ExpiringCache<PoolEventDays>(FACTS_TTL_MS);
  private readonly rflrCache = new ExpiringCache<Map<string, bigint>>(FACTS_TTL_MS);

  constructor(
    readonly sink: AprRepository,
    private readonly directory: PoolDirectoryRepository,
    private readonly prices: PoolPriceSource,
    @Inject(PRICING_CONFIG) config: PricingConfig,
  ) {
    this.rflrPricedAs = config.wrappedNative;
  }

  readonly runEnd: RunEndWork<string, AprChunkFacts[]> = {
    items: (after, limit) => this.sink.poolsWithEvents(after, limit),
    keyOf: (pool) => pool.toLowerCase(),
    load: async (pools, marker) => this.chunks(await this.daysToFill(pools, marker)),
  };

  screen(e: PoolEventRecord): string | undefined {
    if (FLOW_EVENTS.has(e.eventName) && (!SIGNED_INTEGER.test(e.amount0 ?? '') || !SIGNED_INTEGER.test(e.amount1 ?? ''))) {
      return `${e.eventName} ${e.id} has no integer amounts (amount0 ${e.amount0}, amount1 ${e.amount1}): not in the balances`;
    }
    return undefined;
  }

  async load(records: IncomingRecord<PoolEventRecord>[]): Promise<AprChunkFacts[]> {
    const touched = new Map<string, Set<number>>();
    for (const { value: e } of records) {
      const pool = e.pool.toLowerCase();
      if (!touched.has(pool)) touched.set(pool, new Set());
      touched.get(pool)!.add(dayOf(e.timestamp));
    }
    const { days, unplaced } = await this.daysTouched(touched);
    const chunks = await this.chunks(days);
    // A pool with an event in a block without a time: none of its days is computed, its records are rejected with the reason.
    const rejections = records.flatMap(({ offset, value: e }) => {
      const block = unplaced.get(e.pool.toLowerCase());
      return block === undefined ? [] : [{ offset, reason: `pool ${e.pool.toLowerCase()}'s events cannot be placed in days: ${noBlockTimeReason(block)}` }];
    });
    return rejections.length > 0 ? [...chunks, { days: [], flows: new Map(), swaps: [], rejections }] : chunks;
  }

  compute(chunks: AprChunkFacts[]): Computed<PoolAprRow> {
    return { rows: chunks.flatMap((c) => aprRows(c)), rejections: chunks.flatMap((c) => c.rejections ?? []) };
  }

  /** The facts of the pool-days, a chunk of KEYS_PER_CHUNK at a time. */
  private async chunks(keys: PoolDay[]): Promise<AprChunkFacts[]> {
    const out: AprChunkFacts[] = [];
    for (let i = 0; i < keys.length; i += KEYS_PER_CHUNK) out.push(await this.chunk(keys.slice(i, i + KEYS_PER_CHUNK)));
    return out;
  }

  /** The pool-days to recompute, and the pools left out for an event in a block without a time (pool → that block). */
  private async daysTouched(touched: Map<string, Set<number>>): Promise<{ days: PoolDay[]; unplaced: Map<string, number> }> {
    const unplaced = new Map<string, number>();
    if (touched.size === 0) return { days: [], unplaced };
    const pools = [...touched.keys()];
    const [eventDays, computed] = await Promise.all([this.eventDaysOf(pools), this.sink.computedDays(pools)]);
    const days = pools.flatMap((pool) => {
      const { days: poolDays, blockWithoutTime } = eventDays.get(pool)!;
      if (blockWithoutTime !== null) {
        unplaced.set(pool, blockWithoutTime);
        return [];
      }
      const done = [...computed.get(pool)!];
      const last = done.length ? Math.max(...done) : null;
      return daysToRecompute(touched.get(pool)!, poolDays, last).map((day) => ({ pool, day }));
    });
    return { days, unplaced };
  }

  /**
   * The given pools' days through the marker's as-of day that have no row yet. The pools are
   * this partition's (keyed as the replay keys pool events), so each pool is filled once,
   * after all its events (a marker without a partition count: every pool, as before).
   */
  private async daysToFill(pools: string[], marker: EndOfReplayMarker): Promise<PoolDay[]> {
    if (pools.length === 0) return [];
    const [eventDays, computed] = await Promise.all([this.eventDaysOf(pools), this.sink.computedDays(pools)]);
    return pools.flatMap((pool) => {
      const { days: poolDays, blockWithoutTime } = eventDays.get(pool)!;
      if (blockWithoutTime !== null) {
        this.logger.warn(`no APR days of pool ${pool} at the run's end: ${noBlockTimeReason(blockWithoutTime)}`);
        return [];
      }
      const days = [...poolDays];
      if (days.length === 0) return [];
      return daysToFill(Math.min(...days), marker.asOf, computed.get(pool)!).map((day) => ({ pool, day }));
    });
  }

  private eventDaysOf(pools: string[]): Promise<Map<string, PoolEventDays>> {
    return this.eventDayCache.getMany(pools, (missing) => this.sink.eventDays(missing));
  }

  /** Every fact of one chunk's pool-days: pools, decimals, flows, day-end blocks, swaps, incentives, rFLR, prices. */
  private async chunk(keys: PoolDay[]): Promise<AprChunkFacts> {
    const pools = [...new Set(keys.map((k) => k.pool))];
    const dayEnds = [...new Set(keys.map((k) => k.day + DAY_SECONDS))];
    const months = [...new Set(keys.map((k) => monthStartOf(k.day)))];
    const [info, directory, flows, endBlocks, swaps, incentives, rflr] = await Promise.all([
      this.sink.pools(pools),
      this.directory.directory(),
      this.flowCache.getMany(pools, (missing) => this.sink.dailyFlows(missing)),
      // A day end that cannot be placed is kept like any other for FACTS_TTL_MS: a fill made meanwhile is seen after it.
      this.endBlockCache.getMany(dayEnds.map(String), async (missing) => mapKeys(await this.sink.endBlocks(missing.map(Number)), String)),
      this.sink.swapsOfDays(keys),
      this.sink.incentives(pools),
      this.rflrCache.getMany(months, (missing) => this.sink.rflrByMonth(missing)),
    ]);
    const known = keys.filter((k) => info.has(k.pool)); // events of pools missing from "Pool" have no tokens to value
    const endOf = (k: PoolDay): { block: number | null; reason?: string } => {
      const end = endBlocks.get(String(k.day + DAY_SECONDS));
      if (end === undefined || (end.ok && end.block === 0)) return { block: null };
      return end.ok ? { block: end.block } : { block: null, reason: end.reason };
    };

    // One price request list: per pool-day its two tokens and rFLR at the day's end, then every swap's input token.
    const requests: UsdPriceRequest[] = [];
    const noBlock = { blockNumber: 0, logIndex: 0 };
    for (const k of known) {
      const end = endOf(k).block;
      const at = end === null ? noBlock : endOfBlock(end);
      const p = info.get(k.pool)!;
      requests.push({ token: p.token0, at }, { token: p.token1, at }, { token: this.rflrPricedAs, at });
    }
    const valuedSwaps = swaps.flatMap((s) => {
      const input = swapInput(s.amount0, s.amount1);
      const p = info.get(s.pool);
      if (!input.ok || !p) return [];
      return [{ swap: s, amountIn: input.input.amountIn, token: input.input.side === 0 ? p.token0 : p.token1, fee: p.fee }];
    });
    for (const v of valuedSwaps) requests.push({ token: v.token, at: { blockNumber: v.swap.blockNumber, logIndex: v.swap.logIndex } });
    const prices = await this.prices.pricesUsd(requests);

    return {
      days: known.map((k, i) => {
        const p = info.get(k.pool)!;
        return {
          pool: k.pool,
          day: k.day,
          endBlock: endOf(k).block,
          endBlockReason: endOf(k).reason,
          token0: { decimals: directory.decimalsOf(p.token0), price: prices[3 * i] },
          token1: { decimals: directory.decimalsOf(p.token1), price: prices[3 * i + 1] },
          rflrPrice: prices[3 * i + 2],
          incentives: incentiveProgrammes(incentives.get(k.pool) ?? []),
          rflrMonthRaw: rflr.get(monthStartOf(k.day))?.get(k.pool) ?? 0n,
        };
      }),
      flows,
      swaps: valuedSwaps.map((v, i) => ({
        pool: v.swap.pool,
        timestamp: v.swap.timestamp,
        amountIn: v.amountIn,
        decimals: directory.decimalsOf(v.token),
        price: prices[3 * known.length + i],
        fee: v.fee,
      })),
    };
  }
}

/** The rows of one chunk's pool-days (pure). */
export function aprRows({ days, flows, swaps }: AprChunkFacts): PoolAprRow[] {
  // Fees per pool-day: swaps that cannot be valued count nowhere (pool-volume dead-letters them).
  const fees = new Map<string, UsdUnits>();
  for (const s of swaps) {
    const r = valueSwap(s.amountIn, s.decimals, s.price, s.fee);
    if (!r.ok) continue;
    const key = `${s.pool}|${dayOf(s.timestamp)}`;
    fees.set(key, (fees.get(key) ?? 0n) + r.value.feesUsd);
  }

  const pools = [...new Set(days.map((k) => k.pool))];
  const balances = new Map(
    pools.map((pool) => [
      pool,
      balancesAtDayEnds(
        flows.get(pool) ?? [],
        days.filter((k) => k.pool === pool).map((k) => k.day),
      ),
    ]),
  );
  return days.map((k) => {
    const { balance0, balance1 } = balances.get(k.pool)!.get(k.day)!;
    const at = (price: PriceResult): PriceResult =>
      k.endBlock === null ? { ok: false, reason: k.endBlockReason ?? `no pool event before the end of ${isoDay(k.day)}` } : price;
    const feesUsd = fees.get(`${k.pool}|${k.day}`) ?? 0n;
    const incentive = incentiveUsdOnDay(k.incentives, k.day);
    const incentiveUsd = incentive.usd;
    const figures = poolApr({
      token0: { balance: balance0, decimals: k.token0.decimals, price: at(k.token0.price) },
      token1: { balance: balance1, decimals: k.token1.decimals, price: at(k.token1.price) },
      feesUsd,
      incentiveUsdPerDay: incentiveUsd,
      incentiveReason: incentive.usd === null ? incentive.reason : undefined,
      rflrRawPerDay: rflrRawOnDay(k.rflrMonthRaw, k.day),
      rflrPrice: at(k.rflrPrice),
    });
    const usd = (r: Ratio | null) => (r === null ? null : formatUsd(toUsdUnits(r)));
    return {
      pool: k.pool,
      day: isoDay(k.day),
      end_block: k.endBlock,
      balance0: balance0.toString(),
      balance1: balance1.toString(),
      price0_usd: figures.price0Usd,
      price1_usd: figures.price1Usd,
      tvl_usd: usd(figures.tvlUsd),
      fees_usd: formatUsd(feesUsd),
      incentive_usd_per_day: usd(incentiveUsd),
      rflr_usd_per_day: usd(figures.rflrUsdPerDay),
      fee_apr: figures.feeApr,
      incentive_apr: figures.incentiveApr,
      rflr_apr: figures.rflrApr,
      total_apr: figures.totalApr,
      reason: figures.reason,
    };
  });
}
