import type { Address } from 'viem';
import { SqrtPriceMath, TickMath } from '@uniswap/v3-sdk';
import JSBI from 'jsbi';
import { createChainClient, nonfungiblePositionManagerAbi, uniswapV3PoolAbi } from '@lib/chain';
import { PipelineFixture } from '../support/pipeline-fixture';

const STEPS = ['pool-attribution', 'impermanent-loss', 'unclaimed-fees'];
const MAX_UINT128 = 2n ** 128n - 1n;

/** The Uniswap SDK's own principal of a liquidity at a pool state: an oracle independent of @lib/v3-math. */
function sdkAmounts(liquidity: bigint, sqrtPriceX96: bigint, tick: number, tickLower: number, tickUpper: number): [bigint, bigint] {
  const L = JSBI.BigInt(liquidity.toString());
  const P = JSBI.BigInt(sqrtPriceX96.toString());
  const a = TickMath.getSqrtRatioAtTick(tickLower);
  const b = TickMath.getSqrtRatioAtTick(tickUpper);
  const n = (x: JSBI) => BigInt(x.toString());
  if (tick < tickLower) return [n(SqrtPriceMath.getAmount0Delta(a, b, L, false)), 0n];
  if (tick < tickUpper) return [n(SqrtPriceMath.getAmount0Delta(P, b, L, false)), n(SqrtPriceMath.getAmount1Delta(a, P, L, false))];
  return [0n, n(SqrtPriceMath.getAmount1Delta(a, b, L, false))];
}

async function inChunks<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/**
 * Steps 4 and 5 end to end on the shared chain. Oracles: the position manager's own
 * collect(max), simulated from the owner at the event's block, for unclaimed fees; the
 * manager's positions() and the pool's slot0 at the block, through the Uniswap SDK's
 * math, for the IL principal; a second replay for determinism.
 */
describe('impermanent loss and unclaimed fees, end to end', () => {
  let f: PipelineFixture;
  const client = () => createChainClient(f.chain.rpcUrl);

  beforeAll(async () => {
    f = await PipelineFixture.create();
    await f.startAdmin();
    for (const step of STEPS) await f.startStep(step);
  });

  afterAll(() => f?.close());

  const sums = async () => [await f.checksum('position_impermanent_loss'), await f.checksum('position_unclaimed_fees')];
  let first: string[];

  it('writes a row per event for both steps, with nothing sent to the DLQ', async () => {
    const started = Date.now();
    expect((await f.post({ action: 'start', steps: STEPS })).status).toBe(200);
    const done = await f.waitForState('completed', 300_000);
    const seconds = (Date.now() - started) / 1000;
    for (const name of STEPS) expect(done.steps.find((s: { name: string }) => s.name === name)).toMatchObject({ state: 'complete', lag: 0, dlq: 0 });

    const { rows } = await f.db.pool.query(
      `SELECT (SELECT count(*)::int FROM attributed_event) AS events,
              (SELECT count(*)::int FROM position_impermanent_loss) AS il,
              (SELECT count(*)::int FROM position_unclaimed_fees) AS fees,
              (SELECT count(*)::int FROM position_unclaimed_fees WHERE note LIKE 'position burned%') AS burned`,
    );
    expect(rows[0].events).toBeGreaterThan(100);
    expect(rows[0].il).toBe(rows[0].events);
    expect(rows[0].fees).toBe(rows[0].events);
    expect(rows[0].burned).toBeGreaterThan(0);

    const feesService = f.services[2];
    const rpc = [...feesService.output.join('').matchAll(/"rpc":(\{[^}]*\})/g)].map((m) => JSON.parse(m[1]));
    const last = rpc[rpc.length - 1];
    console.log(
      `il+unclaimed: ${rows[0].events} events in ${seconds.toFixed(1)} s = ${(rows[0].events / seconds).toFixed(0)} events/s end to end; unclaimed-fees chain reads ${JSON.stringify(last)}`,
    );
    expect(last.events).toBe(rows[0].events);
    first = await sums();
  });

  it('unclaimed fees equal collect(max) simulated from the owner at the block, for every COLLECT and a sample of the rest', async () => {
    const { rows } = await f.db.pool.query(
      `SELECT u.*, a.event_type FROM position_unclaimed_fees u JOIN attributed_event a ON a.id = u.id
        ORDER BY u.block_number, u.log_index`,
    );
    const chosen = rows.filter((r, i) => r.event_type === 'COLLECT' || i % 5 === 0);
    expect(chosen.filter((r) => r.event_type === 'COLLECT').length).toBeGreaterThan(10);
    const c = client();
    let checked = 0;
    let burned = 0;
    const wrong: unknown[] = [];
    await inChunks(chosen, 25, async (r) => {
      const blockNumber = BigInt(r.rpc_block);
      const at = { address: r.position_manager as Address, abi: nonfungiblePositionManagerAbi, blockNumber } as const;
      const owner = await c.readContract({ ...at, functionName: 'ownerOf', args: [BigInt(r.token_id)] }).catch(() => null);
      if (owner === null) {
        burned++;
        if (!(r.note?.startsWith('position burned') && r.unclaimed0 === '0' && r.unclaimed1 === '0')) wrong.push({ id: r.id, burnedButRow: r });
        return;
      }
      const { result } = await c.simulateContract({
        ...at,
        account: owner,
        functionName: 'collect',
        args: [{ tokenId: BigInt(r.token_id), recipient: owner, amount0Max: MAX_UINT128, amount1Max: MAX_UINT128 }],
      });
      checked++;
      if (result[0].toString() !== r.unclaimed0 || result[1].toString() !== r.unclaimed1)
        wrong.push({ id: r.id, type: r.event_type, chain: result.map(String), row: [r.unclaimed0, r.unclaimed1] });
    });
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(20);
    console.log(`unclaimed fees: ${checked} events equal collect(max) exactly, ${burned} burned by their block`);

    // Some position earned something, and the USD value is there wherever the amounts are.
    const { rows: paid } = await f.db.pool.query(
      `SELECT count(*)::int AS n, count(unclaimed_usd)::int AS usd FROM position_unclaimed_fees WHERE unclaimed0 > 0 OR unclaimed1 > 0`,
    );
    expect(paid[0].n).toBeGreaterThan(10);
    expect(paid[0].usd).toBe(paid[0].n);
  });

  it('IL principal equals the SDK amounts of positions() liquidity at slot0 of the block, and il_usd adds up', async () => {
    // Events whose state is the block's end state: no later swap of the pool in the block,
    // no later event of the position in the block (the scenario sends LP actions before swaps).
    const { rows } = await f.db.pool.query(
      `SELECT l.*, r.tick_lower, r.tick_upper FROM position_impermanent_loss l
         JOIN position_registry r USING (position_manager, token_id)
        WHERE NOT EXISTS (SELECT 1 FROM "PoolEvent" p WHERE p.pool = l.pool AND p."blockNumber" = l.block_number AND p."logIndex" > l.log_index AND p."eventName" = 'Swap')
          AND NOT EXISTS (SELECT 1 FROM attributed_event a WHERE a.position_manager = l.position_manager AND a.token_id = l.token_id
                            AND a.block_number = l.block_number AND a.log_index > l.log_index)
        ORDER BY l.block_number, l.log_index`,
    );
    expect(rows.length).toBeGreaterThan(50);
    const c = client();
    let checked = 0;
    const wrong: unknown[] = [];
    await inChunks(rows, 25, async (r) => {
      const blockNumber = BigInt(r.block_number);
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
        if (r.liquidity !== '0') wrong.push({ id: r.id, burnedWithLiquidity: r.liquidity });
        return;
      }
      const slot0 = await c.readContract({ address: r.pool as Address, abi: uniswapV3PoolAbi, functionName: 'slot0', blockNumber });
      const [a0, a1] = sdkAmounts(p[7], slot0[0], Number(slot0[1]), r.tick_lower, r.tick_upper);
      checked++;
      if (p[7].toString() !== r.liquidity || a0.toString() !== r.amount0 || a1.toString() !== r.amount1) {
        wrong.push({ id: r.id, chain: [p[7], a0, a1].map(String), row: [r.liquidity, r.amount0, r.amount1] });
      }
    });
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(50);
    console.log(`impermanent loss: ${checked} events' principal equals the SDK amounts at the block`);

    // Hand check of one il_usd: an open position with both deposits, from its stored facts.
    const tokens = new Map(f.chain.manifest.tokens.map((t) => [t.address.toLowerCase(), t]));
    const { rows: open } = await f.db.pool.query(
      `SELECT l.*, r.token0, r.token1 FROM position_impermanent_loss l JOIN position_registry r USING (position_manager, token_id)
        WHERE l.liquidity > 0 AND l.net_deposit0 > 0 AND l.net_deposit1 > 0 AND l.il_usd <> 0 ORDER BY l.block_number DESC, l.log_index DESC LIMIT 1`,
    );
    expect(open).toHaveLength(1);
    const h = open[0];
    const d0 = tokens.get(h.token0)!.decimals;
    const d1 = tokens.get(h.token1)!.decimals;
    const value = (a: string, d: number, p: number) => (Number(a) / 10 ** d) * p;
    const position = value(h.amount0, d0, h.price0_usd) + value(h.amount1, d1, h.price1_usd);
    const hodl = value(h.net_deposit0, d0, h.price0_usd) + value(h.net_deposit1, d1, h.price1_usd);
    expect(h.value_position_usd).toBeCloseTo(position, 6);
    expect(h.value_hodl_usd).toBeCloseTo(hodl, 6);
    expect(h.il_usd).toBeCloseTo(position - hodl, 6);
    expect(h.il_pct).toBeCloseTo((position - hodl) / hodl, 9);
    for (const t of [h.token0, h.token1]) if (tokens.get(t)!.role === 'stablecoin') expect(h[t === h.token0 ? 'price0_usd' : 'price1_usd']).toBe(1);
    // A v3 position never beats holding at the same prices on its principal (fees aside), up to rounding.
    // Informational: a position can be above HODL when increases came in at other prices, or when the
    // USD prices come from another (deeper) pool whose price differs from the position's own pool.
    const { rows: gains } = await f.db.pool.query(
      `SELECT count(*)::int AS n FROM position_impermanent_loss l
        WHERE il_usd > 1e-9 * value_hodl_usd AND liquidity > 0
          AND NOT EXISTS (SELECT 1 FROM attributed_event a WHERE a.position_manager = l.position_manager AND a.token_id = l.token_id AND a.event_type = 'DECREASE'
                            AND (a.block_number, a.log_index) <= (l.block_number, l.log_index))`,
    );
    console.log(`impermanent loss: ${gains[0].n} rows of never-decreased positions above HODL`);
  });

  it('a second replay leaves both tables identical', async () => {
    expect((await f.post({ action: 'start', steps: STEPS })).status).toBe(200);
    await f.waitForState('completed', 300_000);
    expect(await sums()).toEqual(first);
  });

  it('two instances of each step, replaying from scratch, write identical tables', async () => {
    await f.db.pool.query('TRUNCATE position_impermanent_loss, position_unclaimed_fees');
    await f.startStep('impermanent-loss');
    await f.startStep('unclaimed-fees');
    expect((await f.post({ action: 'start', steps: STEPS })).status).toBe(200);
    await f.waitForState('completed', 300_000);
    expect(await sums()).toEqual(first);
  });
});
