import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { forEachOwnedPage, MarkerGate, ownsKey, type Rejection, type StepBatch, type StepBatchResult } from '@lib/consumer';
import { EndMarkerOriginRepository } from '@lib/pipeline';
import type { EndOfReplayMarker, PoolEventRecord } from '@lib/kafka';
import { ExpiringCache } from '@lib/common';
import { PG_POOL } from '@lib/platform';
import { endOfBlock, PoolDirectoryRepository, PoolPriceSource, PoolStateRepository, pricingConfigFromEnv, type PriceResult, type UsdPriceRequest } from '@lib/pricing';
import type { Ratio } from '@lib/v3-math';
import { formatUsd, swapInput, toUsdUnits, type UsdUnits, valueSwap } from '@lib/position';
import { dayOf, daysToFill, daysToRecompute, DAY_SECONDS, isoDay } from './apr-days';
import { AprRepository, type PoolAprRow } from './apr.repository';
import { incentiveUsdOnDay } from './incentive-rate';
import { balancesAtDayEnds, type DailyFlow } from './pool-balance';
import { poolApr } from './pool-apr';
import { monthStartOf, rflrRawOnDay } from './rflr-daily';

/** Pool-days computed per round trip (keeps queries and price requests bounded on a big fill). */
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

/**
 * Step 8, APR: per pool and UTC day, TVL from the pool's balances at the day's end (folded
 * from its events) at the day-end prices, the day's LP fees, incentive programmes and rFLR,
 * as APRs. Every figure is recomputed from the facts in the database for the days a batch
 * touches; an end-of-replay marker fills the remaining days through its as-of day, for the
 * pools of its own partition only (the replay writes it to each), a page of pools at a time.
 */
@Injectable()
export class AprService {
  private readonly repository: AprRepository;
  private readonly directory: PoolDirectoryRepository;
  private readonly prices: PoolPriceSource;
  /** rFLR is priced 1:1 as WFLR (it is FLR, locked): it has no pool of its own. */
  private readonly rflrPricedAs: string;
  /** The replay's own markers end the run alone; the gate keeps the rule in one place. */
  private readonly gate: MarkerGate;
  /** Facts of whole days and months, read once per FACTS_TTL_MS instead of per batch. */
  private readonly flowCache = new ExpiringCache<DailyFlow[]>(FACTS_TTL_MS);
  private readonly endBlockCache = new ExpiringCache<number | null>(FACTS_TTL_MS);
  private readonly eventDayCache = new ExpiringCache<Set<number>>(FACTS_TTL_MS);
  private readonly rflrCache = new ExpiringCache<Map<string, bigint>>(FACTS_TTL_MS);

  constructor(@Inject(PG_POOL) pool: Pool) {
    this.gate = new MarkerGate(new EndMarkerOriginRepository(pool), 'apr');
    const config = pricingConfigFromEnv();
    this.repository = new AprRepository(pool);
    this.directory = new PoolDirectoryRepository(pool);
    this.prices = new PoolPriceSource(config, this.directory, new PoolStateRepository(pool));
    this.rflrPricedAs = config.wrappedNative;
  }

  async handle(batch: StepBatch<PoolEventRecord>): Promise<StepBatchResult> {
    const rejected: Rejection[] = [];
    const touched = new Map<string, Set<number>>();
    for (const r of batch.records) {
      const e = r.value;
      if (FLOW_EVENTS.has(e.eventName) && (!SIGNED_INTEGER.test(e.amount0 ?? '') || !SIGNED_INTEGER.test(e.amount1 ?? ''))) {
        rejected.push({ offset: r.offset, reason: `${e.eventName} ${e.id} has no integer amounts (amount0 ${e.amount0}, amount1 ${e.amount1}): not in the balances` });
        continue;
      }
      const pool = e.pool.toLowerCase();
      if (!touched.has(pool)) touched.set(pool, new Set());
      touched.get(pool)!.add(dayOf(e.timestamp));
    }
    await this.computeAll(await this.daysTouched(touched));
    // The run's end, after the batch's days: this partition's pools, a page at a time.
    for (const marker of await this.gate.ended(batch)) {
      await forEachOwnedPage<string>(
        { read: (after, limit) => this.repository.poolsWithEvents(after, limit), keyOf: (pool) => pool.toLowerCase(), owns: ownsKey(marker, batch.partition) },
        async (pools) => this.computeAll(await this.daysToFill(pools, marker)),
      );
    }
    return { rejected };
  }

  private async computeAll(keys: PoolDay[]): Promise<void> {
    for (let i = 0; i < keys.length; i += KEYS_PER_CHUNK) await this.compute(keys.slice(i, i + KEYS_PER_CHUNK));
  }

  private async daysTouched(touched: Map<string, Set<number>>): Promise<PoolDay[]> {
    if (touched.size === 0) return [];
    const pools = [...touched.keys()];
    const [eventDays, computed] = await Promise.all([this.eventDaysOf(pools), this.repository.computedDays(pools)]);
    return pools.flatMap((pool) => {
      const done = [...computed.get(pool)!];
      const last = done.length ? Math.max(...done) : null;
      return daysToRecompute(touched.get(pool)!, eventDays.get(pool)!, last).map((day) => ({ pool, day }));
    });
  }

  /**
   * The given pools' days through the marker's as-of day that have no row yet. The pools are
   * this partition's (keyed as the replay keys pool events), so each pool is filled once,
   * after all its events (a marker without a partition count: every pool, as before).
   */
  private async daysToFill(pools: string[], marker: EndOfReplayMarker): Promise<PoolDay[]> {
    if (pools.length === 0) return [];
    const [eventDays, computed] = await Promise.all([this.eventDaysOf(pools), this.repository.computedDays(pools)]);
    return pools.flatMap((pool) => {
      const days = [...eventDays.get(pool)!];
      if (days.length === 0) return [];
      return daysToFill(Math.min(...days), marker.asOf, computed.get(pool)!).map((day) => ({ pool, day }));
    });
  }

  private eventDaysOf(pools: string[]): Promise<Map<string, Set<number>>> {
    return this.eventDayCache.getMany(pools, (missing) => this.repository.eventDays(missing));
  }

  private async compute(keys: PoolDay[]): Promise<void> {
    if (keys.length === 0) return;
    const pools = [...new Set(keys.map((k) => k.pool))];
    const dayEnds = [...new Set(keys.map((k) => k.day + DAY_SECONDS))];
    const months = [...new Set(keys.map((k) => monthStartOf(k.day)))];
    const [info, directory, flows, endBlocks, swaps, incentives, rflr] = await Promise.all([
      this.repository.pools(pools),
      this.directory.directory(),
      this.flowCache.getMany(pools, (missing) => this.repository.dailyFlows(missing)),
      this.endBlockCache.getMany(dayEnds.map(String), async (missing) => mapKeys(await this.repository.endBlocks(missing.map(Number)), String)),
      this.repository.swapsOfDays(keys),
      this.repository.incentives(pools),
      this.rflrCache.getMany(months, (missing) => this.repository.rflrByMonth(missing)),
    ]);
    const known = keys.filter((k) => info.has(k.pool)); // events of pools missing from "Pool" have no tokens to value

    // One price request list: per pool-day its two tokens and rFLR at the day's end, then every swap's input token.
    const requests: UsdPriceRequest[] = [];
    const noBlock = { blockNumber: 0, logIndex: 0 };
    for (const k of known) {
      const end = endBlocks.get(String(k.day + DAY_SECONDS));
      const at = end === null || end === undefined ? noBlock : endOfBlock(end);
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

    // Fees per pool-day: swaps that cannot be valued count nowhere (pool-volume dead-letters them).
    const fees = new Map<string, UsdUnits>();
    valuedSwaps.forEach((v, i) => {
      const r = valueSwap(v.amountIn, directory.decimalsOf(v.token), prices[3 * known.length + i], v.fee);
      if (!r.ok) return;
      const key = `${v.swap.pool}|${dayOf(v.swap.timestamp)}`;
      fees.set(key, (fees.get(key) ?? 0n) + r.value.feesUsd);
    });

    const balances = new Map(pools.map((pool) => [pool, balancesAtDayEnds(flows.get(pool) ?? [], keys.filter((k) => k.pool === pool).map((k) => k.day))]));
    const rows: PoolAprRow[] = known.map((k, i) => {
      const p = info.get(k.pool)!;
      const { balance0, balance1 } = balances.get(k.pool)!.get(k.day)!;
      const endBlock = endBlocks.get(String(k.day + DAY_SECONDS)) ?? null;
      const at = (price: PriceResult): PriceResult => (endBlock === null ? { ok: false, reason: `no pool event before the end of ${isoDay(k.day)}` } : price);
      const feesUsd = fees.get(`${k.pool}|${k.day}`) ?? 0n;
      const incentiveUsd = incentiveUsdOnDay(incentives.get(k.pool) ?? [], k.day);
      const figures = poolApr({
        token0: { balance: balance0, decimals: directory.decimalsOf(p.token0), price: at(prices[3 * i]) },
        token1: { balance: balance1, decimals: directory.decimalsOf(p.token1), price: at(prices[3 * i + 1]) },
        feesUsd,
        incentiveUsdPerDay: incentiveUsd,
        rflrRawPerDay: rflrRawOnDay(rflr.get(monthStartOf(k.day))?.get(k.pool) ?? 0n, k.day),
        rflrPrice: at(prices[3 * i + 2]),
      });
      const usd = (r: Ratio | null) => (r === null ? null : formatUsd(toUsdUnits(r)));
      return {
        pool: k.pool, day: isoDay(k.day), end_block: endBlock, balance0: balance0.toString(), balance1: balance1.toString(),
        price0_usd: figures.price0Usd, price1_usd: figures.price1Usd, tvl_usd: usd(figures.tvlUsd), fees_usd: formatUsd(feesUsd),
        incentive_usd_per_day: usd(incentiveUsd)!, rflr_usd_per_day: usd(figures.rflrUsdPerDay),
        fee_apr: figures.feeApr, incentive_apr: figures.incentiveApr, rflr_apr: figures.rflrApr, total_apr: figures.totalApr, reason: figures.reason,
      };
    });
    await this.repository.write(rows);
  }
}

