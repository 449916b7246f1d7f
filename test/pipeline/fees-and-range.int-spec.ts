import type { Address } from 'viem';
import { createChainClient, uniswapV3PoolAbi } from '@lib/chain';
import { sdkHumanPrice, sdkPool, sdkToken } from '../../libs/pricing/src/uniswap-sdk-oracle';
import { isInRange, ratioToNumber } from '@lib/v3-math';
import { PipelineFixture } from '../support/pipeline-fixture';

const STEPS = ['pool-attribution', 'fees-usd', 'range-status'];

/**
 * Steps 2 and 3 end to end on the shared chain: attribution, then fees USD and range status
 * from the attributed stream. The contracts are the oracle: the pools' slot0 at the block
 * before an event gives its tick (the scenario sends each block's LP actions before its
 * swaps), the stable pools' slot0 the price of their other token.
 */
describe('fees USD and range status, end to end', () => {
  let f: PipelineFixture;
  const client = () => createChainClient(f.chain.rpcUrl);
  const slot0Cache = new Map<string, Promise<{ sqrtPriceX96: bigint; tick: number }>>();
  /** slot0 of a pool at the end of a block (cached: many events share a pool and block). */
  const slot0 = (pool: string, block: number) => {
    const key = `${pool}@${block}`;
    if (!slot0Cache.has(key)) {
      slot0Cache.set(
        key,
        client()
          .readContract({ address: pool as Address, abi: uniswapV3PoolAbi, functionName: 'slot0', blockNumber: BigInt(block) })
          .then((r) => ({ sqrtPriceX96: r[0], tick: Number(r[1]) })),
      );
    }
    return slot0Cache.get(key)!;
  };

  /** Events of a pool with no Swap of that pool before them in their block: their state is slot0 at the block before. */
  const beforeAnySwapInBlock = async (table: string): Promise<Set<string>> => {
    const { rows } = await f.db.pool.query(
      `SELECT t.id FROM ${table} t
        WHERE NOT EXISTS (SELECT 1 FROM "PoolEvent" p WHERE p.pool = t.pool AND p."blockNumber" = t.block_number
                            AND p."logIndex" < t.log_index AND p."eventName" = 'Swap')`,
    );
    return new Set(rows.map((r) => r.id));
  };

  beforeAll(async () => {
    f = await PipelineFixture.create();
    await f.startAdmin();
    for (const step of STEPS) await f.startStep(step);
  });

  afterAll(() => f?.close());

  const sums = async () => [
    await f.checksum('collect_fee'),
    await f.checksum('position_range_status'),
    await f.checksum({ table: 'PositionEvent', columns: ['id', 'usdValue'] }),
  ];
  let first: string[];

  it('gives every event its range status as slot0 says, and every COLLECT its value and fee part', async () => {
    const started = Date.now();
    expect((await f.post({ action: 'start', steps: STEPS })).status).toBe(200);
    const done = await f.waitForState('completed');
    const seconds = (Date.now() - started) / 1000;
    for (const name of STEPS) expect(done.steps.find((s: { name: string }) => s.name === name)).toMatchObject({ state: 'complete', lag: 0, dlq: 0 });

    const { rows: counts } = await f.db.pool.query(
      `SELECT count(*)::int AS events, count(*) FILTER (WHERE "eventType" = 'COLLECT')::int AS collects FROM "PositionEvent"`,
    );
    const { events, collects } = counts[0];
    console.log(
      `fees-and-range: ${events} position events (${collects} collects) through 3 steps in ${seconds.toFixed(1)} s = ${(events / seconds).toFixed(0)} events/s`,
    );

    // (a) range status: one row per event; tick and status as slot0 says at the block before.
    const { rows: status } = await f.db.pool.query('SELECT * FROM position_range_status');
    expect(status).toHaveLength(events);
    const checkable = await beforeAnySwapInBlock('position_range_status');
    const wrong: unknown[] = [];
    let checked = 0;
    for (const r of status) {
      expect(Number(r.seconds_in_range)).toBeGreaterThanOrEqual(0);
      expect(Number(r.seconds_in_range)).toBeLessThanOrEqual(Number(r.seconds_open));
      if (!checkable.has(r.id)) continue;
      const { tick } = await slot0(r.pool, r.block_number - 1);
      const expected = isInRange(tick, r.tick_lower, r.tick_upper) ? 'IN_RANGE' : 'OUT_OF_RANGE';
      checked++;
      if (r.tick !== tick || r.status !== expected) wrong.push({ id: r.id, tick: r.tick, slot0Tick: tick, status: r.status, expected });
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(events * 0.9);
    expect(status.some((r) => r.status === 'IN_RANGE')).toBe(true);
    expect(status.some((r) => r.status === 'OUT_OF_RANGE')).toBe(true);

    // Time in range: zero at the MINT; between two events of a position with no swap of its
    // pool between them, the tick stood still, so it grows by the time passed iff in range.
    const { rows: steps } = await f.db.pool.query(
      `WITH s AS (
         SELECT s.*, a.event_type, lag(s.timestamp) OVER w AS prev_ts, lag(s.seconds_in_range::float8) OVER w AS prev_sir,
                lag(s.status) OVER w AS prev_status, lag(s.block_number) OVER w AS prev_block, lag(s.log_index) OVER w AS prev_log
           FROM position_range_status s JOIN attributed_event a ON a.id = s.id
         WINDOW w AS (PARTITION BY s.position_manager, s.token_id ORDER BY s.block_number, s.log_index))
       SELECT s.id, s.event_type, s.timestamp, s.status, s.seconds_in_range::float8 AS sir, s.seconds_open::float8 AS so, s.prev_ts, s.prev_sir, s.prev_status,
              EXISTS (SELECT 1 FROM "PoolEvent" p WHERE p.pool = s.pool AND p."eventName" = 'Swap'
                        AND (p."blockNumber", p."logIndex") > (s.prev_block, s.prev_log)
                        AND (p."blockNumber", p."logIndex") < (s.block_number, s.log_index)) AS swapped
         FROM s`,
    );
    let stillSteps = 0;
    for (const r of steps) {
      if (r.event_type === 'MINT') expect([r.sir, r.so]).toEqual([0, 0]);
      if (r.prev_ts === null) continue;
      expect(r.sir).toBeGreaterThanOrEqual(r.prev_sir);
      expect(r.sir - r.prev_sir).toBeLessThanOrEqual(r.timestamp - r.prev_ts);
      if (r.swapped) continue;
      stillSteps++;
      expect(r.status).toBe(r.prev_status);
      expect(r.sir - r.prev_sir).toBe(r.status === 'IN_RANGE' ? r.timestamp - r.prev_ts : 0);
    }
    expect(stillSteps).toBeGreaterThan(0);

    // (b) COLLECT: principal + fee = collected exactly (both in collect_fee and as the chain's amounts), usdValue on every one.
    const { rows: fees } = await f.db.pool.query(
      `SELECT c.*, e.amount0 AS event_amount0, e.amount1 AS event_amount1, e."usdValue"
         FROM collect_fee c JOIN "PositionEvent" e ON e.id = c.id`,
    );
    expect(fees).toHaveLength(collects);
    for (const c of fees) {
      expect(BigInt(c.principal0) + BigInt(c.fee0)).toBe(BigInt(c.event_amount0));
      expect(BigInt(c.principal1) + BigInt(c.fee1)).toBe(BigInt(c.event_amount1));
      expect(BigInt(c.fee0) >= 0n && BigInt(c.fee1) >= 0n).toBe(true);
      expect(c.usdValue).toBe(c.usd_value);
      expect(c.fee_usd_value).toBeLessThanOrEqual(c.usd_value * (1 + 1e-12));
    }
    const { rows: unvalued } = await f.db.pool.query(`SELECT count(*)::int AS n FROM "PositionEvent" WHERE "eventType" = 'COLLECT' AND "usdValue" IS NULL`);
    expect(unvalued[0].n).toBe(0);
    // Collects after decreases do take principal: the split is not all fees.
    expect(fees.some((c) => BigInt(c.principal0) + BigInt(c.principal1) > 0n)).toBe(true);
    expect(fees.some((c) => BigInt(c.fee0) + BigInt(c.fee1) > 0n)).toBe(true);

    // (c) the stable pools' other token is priced at the pool's own slot0 price (the SDK computes it).
    const stable = new Set(f.chain.manifest.tokens.filter((t) => t.role === 'stablecoin').map((t) => t.address.toLowerCase()));
    const decimals = new Map(f.chain.manifest.tokens.map((t) => [t.address.toLowerCase(), t.decimals]));
    const pools = new Map(f.chain.manifest.pools.map((p) => [p.address.toLowerCase(), p]));
    const collectCheckable = await beforeAnySwapInBlock('collect_fee');
    let priced = 0;
    for (const c of fees) {
      const p = pools.get(c.pool)!;
      const [t0, t1] = [p.token0.toLowerCase(), p.token1.toLowerCase()];
      if (stable.has(t0) === stable.has(t1) || !collectCheckable.has(c.id)) continue;
      const baseIsToken0 = !stable.has(t0);
      const [via0, via1] = c.price_via.split('|');
      if ((baseIsToken0 ? via0 : via1) !== c.pool) continue; // priced through a deeper pool
      const { sqrtPriceX96 } = await slot0(c.pool, c.block_number - 1);
      const pool = sdkPool(sdkToken(t0, decimals.get(t0)!), sdkToken(t1, decimals.get(t1)!), sqrtPriceX96);
      const expected = ratioToNumber(sdkHumanPrice(baseIsToken0 ? pool.token0Price : pool.token1Price));
      expect(baseIsToken0 ? c.price0_usd : c.price1_usd).toBe(expected);
      expect(baseIsToken0 ? c.price1_usd : c.price0_usd).toBe(1);
      priced++;
    }
    expect(priced).toBeGreaterThan(0);
    console.log(`fees-and-range: ${checked}/${events} range statuses and ${priced} stable-pool prices checked against slot0`);
    first = await sums();
  });

  it('writes identical tables when replayed from scratch by two instances of each of steps 2 and 3', async () => {
    expect(first).toBeDefined();
    await f.db.pool.query('TRUNCATE collect_fee, position_range_status');
    await f.db.pool.query(`UPDATE "PositionEvent" SET "usdValue" = NULL WHERE "eventType" = 'COLLECT'`);
    await f.startStep('fees-usd');
    await f.startStep('range-status');
    expect((await f.post({ action: 'start', steps: STEPS })).status).toBe(200);
    await f.waitForState('completed');
    expect(await sums()).toEqual(first);

    // and once more over the filled tables: nothing changes
    expect((await f.post({ action: 'start', steps: STEPS })).status).toBe(200);
    await f.waitForState('completed');
    expect(await sums()).toEqual(first);
  });
});
