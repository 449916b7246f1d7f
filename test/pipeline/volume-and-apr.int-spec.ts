import type { Address } from 'viem';
import { createChainClient, erc20Abi, uniswapV3PoolEvents } from '@lib/chain';
import { importRewardInputs, manifestRewardInputs, type ChainManifest } from '@lib/indexer';
import { mulRatio, ratio, ratioToNumber, type Ratio } from '@lib/v3-math';
import { sdkHumanPrice, sdkPool, sdkToken } from '../../libs/pricing/src/uniswap-sdk-oracle';
import { PipelineFixture } from '../support/pipeline-fixture';

const STEPS = ['pool-attribution', 'pool-volume', 'apr'];
const HOUR = 3600;
const DAY = 86_400;
const E18 = 10n ** 18n;

/** `numeric(48,18)` text as units of 1e-18 (exact sums). */
const units = (text: string) => {
  const [whole, frac = ''] = text.split('.');
  const neg = whole.startsWith('-');
  const v = BigInt(whole.replace('-', '')) * E18 + BigInt(frac.padEnd(18, '0'));
  return neg ? -v : v;
};
const close = (actual: number, expected: number, rel = 1e-9) => {
  if (Math.abs(actual - expected) > rel * Math.max(Math.abs(expected), 1e-12)) throw new Error(`${actual} is not ${expected} (±${rel} relative)`);
};

interface ChainSwap {
  pool: string;
  block: number;
  logIndex: number;
  amount0: bigint;
  amount1: bigint;
  sqrtPriceX96: bigint;
  timestamp: number;
}

/**
 * Steps 7 and 8 end to end on the shared chain. Oracles: the chain's Swap logs (counts per
 * hour; each swap's input side valued at the price of the pools its route names, computed
 * by the Uniswap SDK from the previous Swap/Initialize log of those pools), and the tokens'
 * balanceOf(pool) at each day's last block for the TVL balances.
 */
describe('pool volume and APR, end to end', () => {
  let f: PipelineFixture;
  const client = () => createChainClient(f.chain.rpcUrl);
  const blockTime = new Map<number, Promise<number>>();
  const timestampOf = (block: number) => {
    if (!blockTime.has(block))
      blockTime.set(
        block,
        client()
          .getBlock({ blockNumber: BigInt(block) })
          .then((b) => Number(b.timestamp)),
      );
    return blockTime.get(block)!;
  };
  /** The last block whose timestamp is before `t` (binary search over the scenario's blocks). */
  const lastBlockBefore = async (t: number) => {
    let lo = Number(f.chain.manifest.blocks.first);
    let hi = Number(f.chain.manifest.blocks.last);
    if ((await timestampOf(hi)) < t) return hi;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if ((await timestampOf(mid)) < t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  beforeAll(async () => {
    f = await PipelineFixture.create();
    const imported = await importRewardInputs(f.db.pool, manifestRewardInputs(f.chain.manifest as unknown as ChainManifest));
    expect(imported.rejected).toEqual([]);
    await f.startAdmin();
    for (const step of STEPS) await f.startStep(step);
  });

  afterAll(() => f?.close());

  const sums = async () => [await f.checksum('swap_volume'), await f.checksum('pool_volume_hourly'), await f.checksum('pool_apr_daily')];
  let first: string[];

  it('counts, values and rolls every swap as the chain says, and gives every pool-day its TVL and APR', async () => {
    expect((await f.post({ action: 'start', steps: STEPS })).status).toBe(200);
    const done = await f.waitForState('completed', 300_000);
    for (const name of STEPS) expect(done.steps.find((s: { name: string }) => s.name === name)).toMatchObject({ state: 'complete', lag: 0, dlq: 0 });

    const manifest = f.chain.manifest;
    const decimals = new Map(manifest.tokens.map((t) => [t.address.toLowerCase(), t.decimals]));
    const stable = new Set(manifest.tokens.filter((t) => t.role === 'stablecoin').map((t) => t.address.toLowerCase()));
    const pools = new Map(manifest.pools.map((p) => [p.address.toLowerCase(), { ...p, token0: p.token0.toLowerCase(), token1: p.token1.toLowerCase() }]));
    const { rows: flashes } = await f.db.pool.query(`SELECT count(*)::int AS n FROM "PoolEvent" WHERE "eventName" = 'Flash'`);
    expect(flashes[0].n).toBe(0); // Flash fees have no column: the balance fold would not see them

    // --- the chain's Swap and Initialize logs of every pool
    const logs = await client().getLogs({
      address: [...pools.keys()] as Address[],
      events: uniswapV3PoolEvents.filter((e) => e.name === 'Swap' || e.name === 'Initialize'),
      fromBlock: BigInt(manifest.blocks.first),
      toBlock: BigInt(manifest.blocks.last),
    });
    /** Per pool, its price-setting logs in chain order: [block, logIndex, sqrtPriceX96]. */
    const states = new Map<string, { block: number; logIndex: number; sqrtPriceX96: bigint }[]>();
    const swaps: ChainSwap[] = [];
    for (const log of logs) {
      const pool = log.address.toLowerCase();
      const args = log.args as { sqrtPriceX96: bigint; amount0?: bigint; amount1?: bigint };
      const block = Number(log.blockNumber);
      if (!states.has(pool)) states.set(pool, []);
      states.get(pool)!.push({ block, logIndex: log.logIndex!, sqrtPriceX96: args.sqrtPriceX96 });
      if (log.eventName === 'Swap')
        swaps.push({
          pool,
          block,
          logIndex: log.logIndex!,
          amount0: args.amount0!,
          amount1: args.amount1!,
          sqrtPriceX96: args.sqrtPriceX96,
          timestamp: await timestampOf(block),
        });
    }
    expect(swaps.length).toBeGreaterThan(100);
    /** The SDK's price of `token` in the pool's other token, as of (block, logIndex): its last Swap/Initialize before. */
    const poolPrice = (pool: string, token: string, block: number, logIndex: number): Ratio => {
      const before = states.get(pool)!.filter((s) => s.block < block || (s.block === block && s.logIndex < logIndex));
      const p = pools.get(pool)!;
      const sdk = sdkPool(sdkToken(p.token0, decimals.get(p.token0)!), sdkToken(p.token1, decimals.get(p.token1)!), before[before.length - 1].sqrtPriceX96);
      return sdkHumanPrice(token === p.token0 ? sdk.token0Price : sdk.token1Price);
    };
    const other = (pool: string, token: string) => (pools.get(pool)!.token0 === token ? pools.get(pool)!.token1 : pools.get(pool)!.token0);
    /** USD price of `token` along the route the step recorded: each pool's price from the chain, by the SDK. */
    const routePrice = (token: string, via: string, block: number, logIndex: number): Ratio => {
      if (via === 'usd') {
        expect(stable.has(token)).toBe(true);
        return ratio(1n);
      }
      let price = ratio(1n);
      let t = token;
      for (const pool of via.split('>')) {
        price = mulRatio(price, poolPrice(pool, t, block, logIndex));
        t = other(pool, t);
      }
      expect(stable.has(t)).toBe(true);
      return price;
    };

    // --- (a) every swap valued: input side, its route's price, fee tier
    const { rows: facts } = await f.db.pool.query(`SELECT s.*, e."txHash" FROM swap_volume s JOIN "PoolEvent" e ON e.id = s.id`);
    expect(facts).toHaveLength(swaps.length);
    const factAt = new Map(facts.map((r) => [`${r.pool}@${r.block_number}:${r.log_index}`, r]));
    const oracleVolume = new Map<string, number>(); // pool|hour → Σ oracle USD
    const chainCount = new Map<string, number>(); // pool|hour → swaps on chain
    for (const s of swaps) {
      const fact = factAt.get(`${s.pool}@${s.block}:${s.logIndex}`);
      expect(fact).toBeDefined();
      const p = pools.get(s.pool)!;
      const [tokenIn, amountIn] = s.amount0 > 0n ? [p.token0, s.amount0] : [p.token1, s.amount1];
      expect(fact.token_in).toBe(tokenIn);
      expect(BigInt(fact.amount_in)).toBe(amountIn);
      const price = routePrice(tokenIn, fact.price_via, s.block, s.logIndex);
      const volume = ratioToNumber(mulRatio(ratio(amountIn, 10n ** BigInt(decimals.get(tokenIn)!)), price));
      close(Number(fact.volume_usd), volume);
      close(Number(fact.fees_usd), (volume * p.fee) / 1e6);
      const key = `${s.pool}|${Math.floor(s.timestamp / HOUR) * HOUR}`;
      oracleVolume.set(key, (oracleVolume.get(key) ?? 0) + volume);
      chainCount.set(key, (chainCount.get(key) ?? 0) + 1);
    }
    expect(new Set(facts.map((r) => r.price_via)).size).toBeGreaterThan(2); // stablecoin, direct and WFLR routes all met

    // --- (b) hourly rows: counts exactly as on chain, volume = Σ of the hour's swaps, 24h = Σ of 24 hours, exactly
    const { rows: hourly } = await f.db.pool.query(
      `SELECT pool, extract(epoch FROM hour_start)::int AS hour, volume_usd::text, volume_24h_usd::text, fees_usd::text, fees_24h_usd::text, swaps, swaps_24h
         FROM pool_volume_hourly`,
    );
    const byKey = new Map(hourly.map((r) => [`${r.pool}|${r.hour}`, r]));
    for (const [key, n] of chainCount) {
      const row = byKey.get(key);
      expect(row?.swaps).toBe(n);
      close(Number(row.volume_usd), oracleVolume.get(key)!);
    }
    let rolled = 0;
    for (const r of hourly) {
      if (!chainCount.has(`${r.pool}|${r.hour}`)) expect(r.swaps).toBe(0);
      let volume = 0n;
      let fees = 0n;
      let count = 0;
      let chain = 0;
      for (let k = 0; k < 24; k++) {
        const h = byKey.get(`${r.pool}|${r.hour - k * HOUR}`);
        volume += h ? units(h.volume_usd) : 0n;
        fees += h ? units(h.fees_usd) : 0n;
        count += h ? h.swaps : 0;
        chain += chainCount.get(`${r.pool}|${r.hour - k * HOUR}`) ?? 0;
      }
      expect([units(r.volume_24h_usd), units(r.fees_24h_usd), r.swaps_24h]).toEqual([volume, fees, count]);
      expect(r.swaps_24h).toBe(chain);
      expect(r.swaps_24h).toBeGreaterThan(0); // a row only where the window has swaps
      rolled++;
    }
    // every hour whose window holds a swap has a row: the swap hours and the 23 after each
    const expectedHours = new Set(
      [...chainCount.keys()].flatMap((key) => {
        const [pool, hour] = key.split('|');
        return Array.from({ length: 24 }, (_, k) => `${pool}|${Number(hour) + k * HOUR}`);
      }),
    );
    expect(hourly.length).toBe(expectedHours.size);

    // --- (c) TVL balances = balanceOf of both tokens at the day's last block, for every (pool, day)
    const { rows: apr } = await f.db.pool.query(
      `SELECT pool, extract(epoch FROM day::timestamp)::int AS day, end_block, balance0::text, balance1::text, price0_usd, price1_usd,
              tvl_usd::float8 AS tvl, fees_usd::text, incentive_usd_per_day::float8 AS incentive, rflr_usd_per_day::float8 AS rflr,
              fee_apr, incentive_apr, rflr_apr, total_apr, reason
         FROM pool_apr_daily ORDER BY pool, day`,
    );
    // the run's as-of time: the newest replayed row (the end-of-replay fill goes through its day)
    const { rows: newest } = await f.db.pool.query(
      `SELECT greatest((SELECT max(timestamp) FROM "PoolEvent"), (SELECT max(timestamp) FROM "PositionEvent")) AS t`,
    );
    const asOf = Number(newest[0].t);
    const { rows: firsts } = await f.db.pool.query(`SELECT pool, min(timestamp) AS first FROM "PoolEvent" GROUP BY pool`);
    const expectedDays = firsts.reduce((n, r) => n + (Math.floor(asOf / DAY) - Math.floor(r.first / DAY) + 1), 0);
    expect(apr).toHaveLength(expectedDays);
    for (const r of apr) {
      const p = pools.get(r.pool)!;
      const block = await lastBlockBefore(r.day + DAY);
      const [b0, b1] = await Promise.all(
        [p.token0, p.token1].map((token) =>
          client().readContract({ address: token as Address, abi: erc20Abi, functionName: 'balanceOf', args: [r.pool as Address], blockNumber: BigInt(block) }),
        ),
      );
      expect([r.pool, r.day, BigInt(r.balance0), BigInt(r.balance1)]).toEqual([r.pool, r.day, b0, b1]);
      if (b0 + b1 > 0n) expect(r.reason).toBeNull();
    }
    console.log(
      `volume-and-apr: ${swaps.length} swaps, ${hourly.length} hourly rows (${rolled} windows summed), ${apr.length} pool-days checked against balanceOf`,
    );

    // --- (d) APR by hand for one pool-day with an incentive programme and one without
    const wflr = manifest.tokens.find((t) => t.role === 'wrapped-native')!.address.toLowerCase();
    const wflrPrice = (day: number) => {
      const r = apr.find((a) => a.day === day && (pools.get(a.pool)!.token0 === wflr || pools.get(a.pool)!.token1 === wflr));
      return pools.get(r!.pool)!.token0 === wflr ? r!.price0_usd : r!.price1_usd;
    };
    const positionPool = new Map(manifest.positions.map((p) => [`${p.dex}:${p.tokenId}`, p.pool.toLowerCase()]));
    const handApr = async (r: (typeof apr)[number]) => {
      const p = pools.get(r.pool)!;
      const tvl = (Number(r.balance0) / 10 ** decimals.get(p.token0)!) * r.price0_usd + (Number(r.balance1) / 10 ** decimals.get(p.token1)!) * r.price1_usd;
      close(r.tvl, tvl);
      const { rows: dayFees } = await f.db.pool.query(
        `SELECT coalesce(sum(fees_usd), 0)::text AS fees FROM pool_volume_hourly WHERE pool = $1 AND hour_start >= to_timestamp($2) AND hour_start < to_timestamp($2 + ${DAY})`,
        [r.pool, r.day],
      );
      expect(units(r.fees_usd)).toBe(units(dayFees[0].fees)); // the day's fees = Σ of its hours' fees, exactly
      const incentive = manifest.incentives
        .filter(
          (i) =>
            i.poolAddress.toLowerCase() === r.pool &&
            Date.parse(i.startDate) / 1000 <= r.day &&
            (i.endDate === null || Date.parse(i.endDate) / 1000 >= r.day + DAY),
        )
        .reduce((s, i) => s + Number(i.rewardUsdPerDay), 0);
      const month = new Date(r.day * 1000).toISOString().slice(0, 7);
      const d = new Date(r.day * 1000);
      const monthDays = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
      const rflrRaw = manifest.rewards.allocations
        .filter((a) => a.month === month && positionPool.get(`${a.dex}:${a.tokenId}`) === r.pool)
        .reduce((s, a) => s + BigInt(a.amount), 0n);
      const rflrUsd = (Number(rflrRaw) / 1e18 / monthDays) * wflrPrice(r.day);
      const fees = Number(r.fees_usd);
      close(r.incentive, incentive);
      close(r.rflr, rflrUsd);
      close(r.fee_apr, (fees * 365) / tvl);
      close(r.rflr_apr, (rflrUsd * 365) / tvl);
      close(r.incentive_apr, ((incentive + rflrUsd) * 365) / tvl);
      close(r.total_apr, ((fees + incentive + rflrUsd) * 365) / tvl);
      return { pool: r.pool, day: new Date(r.day * 1000).toISOString().slice(0, 10), tvl, fees, incentive, rflrUsd, total: r.total_apr };
    };
    const priced = apr.filter((r) => r.reason === null && r.tvl > 0 && Number(r.fees_usd) > 0);
    const withIncentive = priced.find((r) => r.incentive > 0 && r.rflr > 0);
    // without any incentive if there is such a day, else without a programme (rFLR only)
    const withoutIncentive = priced.find((r) => r.incentive === 0 && r.rflr === 0) ?? priced.find((r) => r.incentive === 0);
    expect(withIncentive).toBeDefined();
    expect(withoutIncentive).toBeDefined();
    console.log('volume-and-apr: hand-checked', await handApr(withIncentive!), await handApr(withoutIncentive!));
    // and the same arithmetic holds for every pool-day with an APR
    for (const r of apr.filter((a) => a.reason === null)) await handApr(r);
    expect(apr.filter((a) => a.reason !== null)).toEqual([]);
    // the incentive programmes that ended halfway count before their end only
    expect(apr.some((r) => r.incentive > 0)).toBe(true);

    first = await sums();
  });

  it('writes identical tables when replayed from scratch, and again over the filled tables', async () => {
    expect(first).toBeDefined();
    await f.db.pool.query('TRUNCATE swap_volume, pool_volume_hourly, pool_apr_daily');
    await f.startStep('pool-volume');
    await f.startStep('apr');
    expect((await f.post({ action: 'start', steps: STEPS })).status).toBe(200);
    await f.waitForState('completed', 300_000);
    expect(await sums()).toEqual(first);

    expect((await f.post({ action: 'start', steps: STEPS })).status).toBe(200);
    await f.waitForState('completed', 300_000);
    expect(await sums()).toEqual(first);
  });
});
