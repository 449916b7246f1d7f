import { readFileSync } from 'node:fs';
import { importRewardInputs, manifestRewardInputs, parseChainManifest } from '@lib/indexer';
import { PipelineFixture } from '../support/pipeline-fixture';

const STEPS = ['pool-attribution', 'rflr-vesting', 'position-health'];
const VESTING_SECONDS = 360n * 86_400n;
const WEIGHTS = { a: 0.5, b: 0.3, c: 0.2 };

/**
 * Steps 9 and 10 end to end on the shared chain. Oracles: the scenario manifest's own
 * allocations (not the table the step read) vested by hand for the run's as-of time; the
 * pool's last Swap/Initialize tick before each event for the edge distance; the weighted
 * mean re-added from the stored components; a second replay for determinism.
 */
describe('rFLR vesting and position health, end to end', () => {
  let f: PipelineFixture;
  let allocations: { positionManager: string; tokenId: string; monthStart: number; amount: string }[];

  beforeAll(async () => {
    f = await PipelineFixture.create();
    const manifest = parseChainManifest(readFileSync(f.chain.manifestPath, 'utf8'), f.chain.manifestPath);
    const imported = await importRewardInputs(f.db.pool, manifestRewardInputs(manifest));
    expect(imported.rejected).toEqual([]);
    allocations = (manifest.rewards?.allocations ?? []).map((a) => ({
      positionManager: a.positionManager.toLowerCase(),
      tokenId: a.tokenId,
      monthStart: a.monthStart,
      amount: a.amount,
    }));
    await f.startAdmin();
    for (const step of STEPS) await f.startStep(step);
  });

  afterAll(() => f?.close());

  const sums = async () => [await f.checksum('position_rflr_vesting'), await f.checksum('position_health')];
  let first: string[];
  let asOf: number;

  it('runs to completed with nothing in the DLQ', async () => {
    expect(allocations.length).toBeGreaterThan(0);
    expect((await f.post({ action: 'start', steps: STEPS })).status).toBe(200);
    const done = await f.waitForState('completed', 300_000);
    for (const name of STEPS) expect(done.steps.find((s: { name: string }) => s.name === name)).toMatchObject({ state: 'complete', lag: 0, dlq: 0 });
    const { rows } = await f.db.pool.query(`SELECT as_of_time::int AS t FROM replay_run ORDER BY id DESC LIMIT 1`);
    asOf = rows[0].t;
    expect(asOf).toBeGreaterThan(0);
    first = await sums();
  });

  it("vesting as of the run's as-of time equals the manifest's allocations vested by hand, exactly, for every position with allocations", async () => {
    const expected = new Map<string, { earned: bigint; vested: bigint; n: number }>();
    for (const a of allocations) {
      const key = `${a.positionManager}:${a.tokenId}`;
      const e = expected.get(key) ?? { earned: 0n, vested: 0n, n: 0 };
      if (a.monthStart <= asOf) {
        const elapsed = BigInt(asOf - a.monthStart) < VESTING_SECONDS ? BigInt(asOf - a.monthStart) : VESTING_SECONDS;
        e.earned += BigInt(a.amount);
        e.vested += (BigInt(a.amount) * elapsed) / VESTING_SECONDS;
        e.n++;
      }
      expected.set(key, e);
    }
    const { rows } = await f.db.pool.query(
      `SELECT position_manager, token_id, allocations, earned_raw::text, vested_raw::text, locked_raw::text, claimable_raw::text, earned_usd, claimable_usd, rflr_price_usd
         FROM position_rflr_vesting WHERE as_of = $1`,
      [asOf],
    );
    const got = new Map(rows.map((r) => [`${r.position_manager}:${r.token_id}`, r]));
    const wrong: unknown[] = [];
    for (const [key, e] of expected) {
      const r = got.get(key);
      const locked = e.earned - e.vested;
      const want = {
        allocations: e.n,
        earned_raw: String(e.earned),
        vested_raw: String(e.vested),
        locked_raw: String(locked),
        claimable_raw: String(e.vested + locked / 2n),
      };
      if (!r || Object.entries(want).some(([k, v]) => r[k] !== v)) wrong.push({ key, want, got: r });
    }
    expect(wrong).toEqual([]);
    expect(rows.length).toBe(expected.size);
    // Priced as WFLR: USD = raw / 1e18 × price wherever the price is there.
    const priced = rows.filter((r) => r.rflr_price_usd !== null);
    expect(priced.length).toBe(rows.length);
    for (const r of priced) expect(r.earned_usd).toBeCloseTo((Number(r.earned_raw) / 1e18) * r.rflr_price_usd, 6);
    const partly = rows.filter((r) => r.locked_raw !== '0' && r.vested_raw !== '0').length;
    console.log(`rFLR vesting: ${rows.length} positions as of ${asOf} equal the hand computation; ${partly} partly vested`);

    // A row per (position, event time) too.
    const { rows: counts } = await f.db.pool.query(
      `SELECT (SELECT count(*)::int FROM (SELECT DISTINCT position_manager, token_id, timestamp FROM attributed_event WHERE timestamp <> $1) d) AS times,
              (SELECT count(*)::int FROM position_rflr_vesting WHERE as_of <> $1) AS rows`,
      [asOf],
    );
    expect(counts[0].rows).toBe(counts[0].times);
  });

  it('health components are within 0..100 and the score is their renormalised weighted mean', async () => {
    const { rows } = await f.db.pool.query(`SELECT * FROM position_health`);
    expect(rows.length).toBeGreaterThan(100);
    const inRange = (v: number | null) => v === null || (v >= 0 && v <= 100);
    const bad: unknown[] = [];
    for (const r of rows) {
      const parts = [
        [WEIGHTS.a, r.time_in_range_score],
        [WEIGHTS.b, r.edge_distance_score],
        [WEIGHTS.c, r.fees_vs_il_score],
      ].filter(([, v]) => v !== null) as [number, number][];
      const w = parts.reduce((n, [x]) => n + x, 0);
      const score = w === 0 ? null : parts.reduce((n, [x, v]) => n + x * v, 0) / w;
      const ok =
        [r.time_in_range_score, r.edge_distance_score, r.fees_vs_il_score, r.score].every(inRange) &&
        (score === null ? r.score === null : Math.abs(score - r.score) < 1e-9);
      if (!ok) bad.push(r);
    }
    expect(bad).toEqual([]);
    const full = rows.filter((r) => r.time_in_range_score !== null && r.edge_distance_score !== null && r.fees_vs_il_score !== null).length;
    expect(full).toBeGreaterThan(rows.length / 2);
    const atEnd = rows.filter((r) => Number(r.as_of) === asOf).length;
    expect(atEnd).toBeGreaterThan(0);
    const notes = new Map<string, number>();
    for (const r of rows) {
      if (!r.note) continue;
      const kind = r.note.replace(/0x[0-9a-f]+/g, '0x…').replace(/\d+:\d+/g, 'b:l');
      notes.set(kind, (notes.get(kind) ?? 0) + 1);
    }
    console.log(
      `position health: ${rows.length} rows, ${full} with all three components, ${atEnd} as of the run's as-of time; notes ${JSON.stringify([...notes])}`,
    );
  });

  it("the edge distance equals 100·min(tick−lower, upper−tick)/(width/2) of the pool's last tick before the event, for a sample", async () => {
    // Event rows (their chain point is the event itself) and the pool's tick strictly before it, read here from "PoolEvent".
    const { rows } = await f.db.pool.query(
      `SELECT h.*, (SELECT p.tick FROM "PoolEvent" p WHERE p.pool = h.pool AND p."eventName" IN ('Swap', 'Initialize') AND p.tick IS NOT NULL
                       AND p."sqrtPriceX96" ~ '^[1-9][0-9]*$' AND (p."blockNumber", p."logIndex") < (h.block_number, h.log_index)
                     ORDER BY p."blockNumber" DESC, p."logIndex" DESC LIMIT 1) AS pool_tick
         FROM position_health h
        WHERE EXISTS (SELECT 1 FROM attributed_event a WHERE a.position_manager = h.position_manager AND a.token_id = h.token_id AND a.block_number = h.block_number AND a.log_index = h.log_index)
        ORDER BY h.position_manager, h.token_id, h.as_of`,
    );
    const sample = rows.filter((_, i) => i % 3 === 0);
    expect(sample.length).toBeGreaterThan(30);
    const wrong: unknown[] = [];
    let edges = 0;
    for (const r of sample) {
      const t = r.pool_tick as number | null;
      const expected =
        t === null
          ? null
          : t < r.tick_lower || t >= r.tick_upper
            ? 0
            : Math.min(100, (100 * Math.min(t - r.tick_lower, r.tick_upper - t)) / ((r.tick_upper - r.tick_lower) / 2));
      if (expected === 0) edges++;
      if (r.tick !== t || (expected === null ? r.edge_distance_score !== null : Math.abs(expected - r.edge_distance_score) > 1e-9))
        wrong.push({ row: r, expected });
    }
    expect(wrong).toEqual([]);
    console.log(`position health: edge distance of ${sample.length} event rows equals the hand formula (${edges} at an edge or outside)`);
  });

  it('a second replay leaves both tables identical', async () => {
    expect((await f.post({ action: 'start', steps: STEPS })).status).toBe(200);
    await f.waitForState('completed', 300_000);
    expect(await sums()).toEqual(first);
  });
});
