import type { Address } from 'viem';
import { Token } from '@uniswap/sdk-core';
import { Pool, Position } from '@uniswap/v3-sdk';
import { createChainClient, nonfungiblePositionManagerAbi, uniswapV3PoolAbi } from '@lib/chain';
import { PipelineFixture } from '../support/pipeline-fixture';

const STEPS = ['pool-attribution', 'position-snapshots'];
const MAX_UINT128 = 2n ** 128n - 1n;
const DAY = 86_400;

async function inChunks<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/**
 * Step 6 end to end on the shared chain. Oracles: for block-end snapshots (day end, as-of)
 * the Uniswap SDK's Position amounts for the manager's positions().liquidity at the pool's
 * slot0 of that block; collect(max) simulated from the owner at that block for a sample;
 * the day ends each position must have, from its mint and burn times; a second replay.
 */
describe('position snapshots, end to end', () => {
  let f: PipelineFixture;
  let asOf: number;
  const client = () => createChainClient(f.chain.rpcUrl);

  beforeAll(async () => {
    f = await PipelineFixture.create();
    await f.startAdmin();
    for (const step of STEPS) await f.startStep(step);
  });

  afterAll(() => f?.close());

  const sum = () => f.checksum('position_snapshot');
  let first: string;

  it('writes an event snapshot per event, and day-end and as-of snapshots, with nothing sent to the DLQ', async () => {
    expect((await f.post({ action: 'start', steps: STEPS })).status).toBe(200);
    const done = await f.waitForState('completed', 300_000);
    for (const name of STEPS) expect(done.steps.find((s: { name: string }) => s.name === name)).toMatchObject({ state: 'complete', lag: 0, dlq: 0 });
    if (done.asOfTime === null) throw new Error('the completed run has no as-of time');
    asOf = done.asOfTime;
    expect(asOf).toBeGreaterThan(0);

    const { rows } = await f.db.pool.query(
      `SELECT (SELECT count(*)::int FROM attributed_event) AS events,
              (SELECT count(*)::int FROM position_snapshot WHERE kind = 'event') AS event_rows,
              (SELECT count(*)::int FROM position_snapshot WHERE kind = 'day-end') AS day_rows,
              (SELECT count(*)::int FROM position_snapshot WHERE kind = 'as-of') AS as_of_rows,
              (SELECT count(*)::int FROM position_snapshot s JOIN attributed_event a ON a.id = s.event_id
                 WHERE s.kind = 'event' AND (a.block_number, a.log_index, a.timestamp) <> (s.block_number, s.log_index, s.snapshot_time)) AS misplaced`,
    );
    console.log(`position snapshots: ${JSON.stringify(rows[0])}`);
    expect(rows[0].events).toBeGreaterThan(100);
    expect(rows[0].event_rows).toBe(rows[0].events);
    expect(rows[0].misplaced).toBe(0);
    expect(rows[0].day_rows).toBeGreaterThan(10);
    expect(rows[0].as_of_rows).toBeGreaterThan(0);
    first = await sum();
  });

  it('has exactly the day ends each position was open at, none after a burn, and an as-of row per open position', async () => {
    const { rows: positions } = await f.db.pool.query(
      `SELECT position_manager, token_id, min(timestamp) FILTER (WHERE event_type = 'MINT') AS mint, min(timestamp) FILTER (WHERE event_type = 'BURN') AS burn
         FROM attributed_event GROUP BY position_manager, token_id`,
    );
    const expected = new Set<string>();
    const expectedAsOf = new Set<string>();
    let burnedWithDays = 0;
    for (const p of positions) {
      if (p.mint === null) continue;
      const end = p.burn === null ? asOf : Math.min(asOf, p.burn);
      for (let d = (Math.floor(p.mint / DAY) + 1) * DAY; d <= end; d += DAY) expected.add(`${p.position_manager}:${p.token_id}@${d}`);
      if (p.burn !== null && p.burn > p.mint + DAY) burnedWithDays++;
      if (p.burn === null || p.burn > asOf) expectedAsOf.add(`${p.position_manager}:${p.token_id}@${asOf}`);
    }
    const { rows } = await f.db.pool.query(`SELECT position_manager, token_id, kind, snapshot_time FROM position_snapshot WHERE kind <> 'event'`);
    const got = (kind: string) => new Set(rows.filter((r) => r.kind === kind).map((r) => `${r.position_manager}:${r.token_id}@${r.snapshot_time}`));
    expect([...got('day-end')].sort()).toEqual([...expected].sort());
    expect([...got('as-of')].sort()).toEqual([...expectedAsOf].sort());
    console.log(
      `position snapshots: ${expected.size} day ends as expected; ${positions.filter((p) => p.burn !== null).length} burned positions (${burnedWithDays} open over a day end first)`,
    );

    const { rows: late } = await f.db.pool.query(
      `SELECT count(*)::int AS n FROM position_snapshot s JOIN attributed_event b ON b.position_manager = s.position_manager AND b.token_id = s.token_id AND b.event_type = 'BURN'
        WHERE s.kind = 'day-end' AND s.block_number >= b.block_number`,
    );
    expect(late[0].n).toBe(0);
  });

  it('block-end amounts equal the SDK Position amounts of positions() liquidity at slot0 of the block', async () => {
    const { rows } = await f.db.pool.query(
      `SELECT s.*, r.tick_lower, r.tick_upper, r.token0, r.token1, r.fee FROM position_snapshot s JOIN position_registry r USING (position_manager, token_id)
        WHERE s.kind <> 'event' ORDER BY s.snapshot_time, s.position_manager, s.token_id`,
    );
    const decimals = new Map(f.chain.manifest.tokens.map((t) => [t.address.toLowerCase(), t.decimals]));
    const c = client();
    const chainId = await c.getChainId();
    const wrong: unknown[] = [];
    let checked = 0;
    await inChunks(rows, 25, async (r) => {
      const blockNumber = BigInt(r.rpc_block);
      const p = await c
        .readContract({
          address: r.position_manager as Address,
          abi: nonfungiblePositionManagerAbi,
          functionName: 'positions',
          args: [BigInt(r.token_id)],
          blockNumber,
        })
        .catch(() => null);
      if (p === null) {
        wrong.push({ key: [r.token_id, r.kind, r.snapshot_time], burnedAtBlock: r.rpc_block });
        return;
      }
      const slot0 = await c.readContract({ address: r.pool as Address, abi: uniswapV3PoolAbi, functionName: 'slot0', blockNumber });
      const token = (a: string) => new Token(chainId, a, decimals.get(a) ?? 18);
      const pool = new Pool(token(r.token0), token(r.token1), r.fee, slot0[0].toString(), '0', Number(slot0[1]));
      const position = new Position({ pool, liquidity: p[7].toString(), tickLower: r.tick_lower, tickUpper: r.tick_upper });
      const a0 = position.amount0.quotient.toString();
      const a1 = position.amount1.quotient.toString();
      checked++;
      if (p[7].toString() !== r.liquidity || a0 !== r.amount0 || a1 !== r.amount1 || Number(slot0[1]) !== r.tick) {
        wrong.push({
          key: [r.token_id, r.kind, r.snapshot_time],
          chain: [p[7].toString(), a0, a1, Number(slot0[1])],
          row: [r.liquidity, r.amount0, r.amount1, r.tick],
        });
      }
      const inRange = r.tick_lower <= Number(slot0[1]) && Number(slot0[1]) < r.tick_upper;
      if (r.range_status !== (inRange ? 'IN_RANGE' : 'OUT_OF_RANGE')) wrong.push({ key: [r.token_id, r.kind, r.snapshot_time], range: r.range_status });
    });
    expect(wrong).toEqual([]);
    expect(checked).toBe(rows.length);
    console.log(`position snapshots: ${checked} day-end/as-of snapshots equal the SDK amounts at their block`);

    const { rows: usd } = await f.db.pool.query(`SELECT count(*)::int AS n, count(value_usd)::int AS v FROM position_snapshot WHERE liquidity > 0`);
    expect(usd[0].v).toBe(usd[0].n);
  });

  it('unclaimed fees equal collect(max) simulated from the owner at the block, for a sample of day-end snapshots', async () => {
    const { rows } = await f.db.pool.query(`SELECT * FROM position_snapshot WHERE kind <> 'event' ORDER BY snapshot_time, position_manager, token_id`);
    const chosen = rows.filter((_, i) => i % 2 === 0 || rows[i].kind === 'as-of');
    const c = client();
    const wrong: unknown[] = [];
    let checked = 0;
    let paying = 0;
    await inChunks(chosen, 25, async (r) => {
      const at = { address: r.position_manager as Address, abi: nonfungiblePositionManagerAbi, blockNumber: BigInt(r.rpc_block) } as const;
      const owner = await c.readContract({ ...at, functionName: 'ownerOf', args: [BigInt(r.token_id)] });
      const { result } = await c.simulateContract({
        ...at,
        account: owner,
        functionName: 'collect',
        args: [{ tokenId: BigInt(r.token_id), recipient: owner, amount0Max: MAX_UINT128, amount1Max: MAX_UINT128 }],
      });
      checked++;
      if (result[0] > 0n || result[1] > 0n) paying++;
      if (result[0].toString() !== r.unclaimed0 || result[1].toString() !== r.unclaimed1)
        wrong.push({ key: [r.token_id, r.kind, r.snapshot_time], chain: result.map(String), row: [r.unclaimed0, r.unclaimed1] });
    });
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(10);
    expect(paying).toBeGreaterThan(0);
    console.log(`position snapshots: ${checked} block-end snapshots' unclaimed fees equal collect(max) exactly (${paying} non-zero)`);
  });

  it('a second replay leaves the table identical', async () => {
    expect((await f.post({ action: 'start', steps: STEPS })).status).toBe(200);
    await f.waitForState('completed', 300_000);
    expect(await sum()).toBe(first);
  });
});
