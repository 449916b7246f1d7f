import { importRewardInputs, manifestRewardInputs, type ChainManifest } from '@lib/indexer';
import type { ManifestPosition } from '@lib/local-chain';
import { PipelineFixture } from '../support/pipeline-fixture';

const STEPS = [
  'pool-attribution',
  'fees-usd',
  'range-status',
  'impermanent-loss',
  'unclaimed-fees',
  'position-snapshots',
  'pool-volume',
  'apr',
  'rflr-vesting',
  'position-health',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * The read API end to end: a backfill of the steps above on the shared chain, then the
 * routes' answers checked against the result tables (SQL written here, not the
 * repository's) and the scenario manifest (the position's pool, ticks and final liquidity
 * as the scenario minted them; the pool's tokens and fee), pages walked to the end.
 */
describe('read API (GET /api/positions, /api/pools)', () => {
  let f: PipelineFixture;
  let pos: ManifestPosition;
  let manager: string;

  const get = async (path: string): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`http://127.0.0.1:${f.adminPort}${path}`);
    return { status: res.status, body: await res.json().catch(() => undefined) };
  };
  const ok = async (path: string): Promise<Json> => {
    const r = await get(path);
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  /** Every page, each asked for with the previous page's `next`; the items in order. */
  const walk = async (path: (after: string | null) => string, pick: (body: Json) => { items: Json[]; next: string | null }) => {
    const items: Json[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const p = pick(await ok(path(after)));
      items.push(...p.items);
      after = p.next;
      pages++;
      if (pages > 10_000) throw new Error('no end of pages');
    } while (after !== null);
    return { items, pages };
  };

  beforeAll(async () => {
    f = await PipelineFixture.create();
    const imported = await importRewardInputs(f.db.pool, manifestRewardInputs(f.chain.manifest as unknown as ChainManifest));
    expect(imported.rejected).toEqual([]);
    await f.startAdmin();
    for (const step of STEPS) await f.startStep(step);
    expect((await f.post({ action: 'start', steps: STEPS })).status).toBe(200);
    const done = await f.waitForState('completed', 400_000);
    for (const name of STEPS) expect(done.steps.find((s: { name: string }) => s.name === name)).toMatchObject({ state: 'complete', lag: 0, dlq: 0 });

    // The live, non-bootstrap manifest position with the most attributed events (and a COLLECT).
    const { rows } = await f.db.pool.query<{ manager: string; token_id: string; n: number }>(
      `SELECT position_manager AS manager, token_id, count(*)::int AS n FROM attributed_event
        GROUP BY 1, 2 HAVING bool_or(event_type = 'COLLECT') ORDER BY n DESC, token_id`,
    );
    const managers = new Map(f.chain.manifest.dexes.map((d) => [d.positionManager.toLowerCase(), d.id]));
    const candidates = rows.flatMap((r) => {
      const p = f.chain.manifest.positions.find(
        (m) => m.tokenId === r.token_id && managers.get(r.manager) === m.dex && m.shape !== 'bootstrap' && m.burnedBlock === null,
      );
      return p ? [{ p, manager: r.manager }] : [];
    });
    expect(candidates.length).toBeGreaterThan(0);
    ({ p: pos, manager } = candidates[0]);
  }, 600_000);

  afterAll(() => f?.close());

  it("answers a position with the manifest's pool and ticks, every attributed event with its enrichment rows, and the latest snapshot", async () => {
    // the manager in upper case: addresses compare lowercase
    const body = await ok(`/api/positions/${manager.toUpperCase().replace('0X', '0x')}/${pos.tokenId}?limit=1000`);
    const mPool = f.chain.manifest.pools.find((p) => p.address.toLowerCase() === pos.pool.toLowerCase())!;
    expect(body.position).toEqual({
      manager,
      tokenId: pos.tokenId,
      dex: pos.dex,
      pool: pos.pool.toLowerCase(),
      token0: mPool.token0.toLowerCase(),
      token1: mPool.token1.toLowerCase(),
      fee: mPool.fee,
      tickLower: pos.tickLower,
      tickUpper: pos.tickUpper,
      source: expect.any(String),
    });

    const { rows: events } = await f.db.pool.query(
      `SELECT a.id, a.event_type, a.amount0::text AS amount0, r.status, r.tick, il.il_usd, il.net_deposit0::text AS net0,
              u.unclaimed0::text AS unclaimed0, u.unclaimed_usd, c.fee0::text AS fee0, c.usd_value
         FROM attributed_event a
         LEFT JOIN position_range_status r ON r.id = a.id
         LEFT JOIN position_impermanent_loss il ON il.id = a.id
         LEFT JOIN position_unclaimed_fees u ON u.id = a.id
         LEFT JOIN collect_fee c ON c.id = a.id
        WHERE a.position_manager = $1 AND a.token_id = $2 ORDER BY a.block_number, a.log_index`,
      [manager, pos.tokenId],
    );
    expect(events.length).toBeGreaterThan(2);
    expect(body.events.next).toBeNull();
    expect(body.events.items.map((e: Json) => e.id)).toEqual(events.map((e) => e.id));
    events.forEach((e, i) => {
      const a = body.events.items[i];
      expect(a.eventType).toBe(e.event_type);
      expect(a.amount0).toBe(e.amount0);
      expect(a.rangeStatus === null ? null : [a.rangeStatus.status, a.rangeStatus.tick]).toEqual(e.status === null ? null : [e.status, e.tick]);
      expect(a.impermanentLoss === null ? null : [a.impermanentLoss.ilUsd, a.impermanentLoss.netDeposit0]).toEqual(
        e.il_usd === null ? null : [e.il_usd, e.net0],
      );
      expect(a.unclaimedFees === null ? null : [a.unclaimedFees.unclaimed0, a.unclaimedFees.unclaimedUsd]).toEqual(
        e.unclaimed0 === null ? null : [e.unclaimed0, e.unclaimed_usd],
      );
      expect(a.collectFee === null ? null : [a.collectFee.fee0, a.collectFee.usdValue]).toEqual(e.fee0 === null ? null : [e.fee0, e.usd_value]);
    });
    // every step wrote for this position: each kind of enrichment is there, with exact strings and numbers
    const items = body.events.items as Json[];
    expect(
      items.some((e) => e.rangeStatus) && items.some((e) => e.impermanentLoss) && items.some((e) => e.unclaimedFees) && items.some((e) => e.collectFee),
    ).toBe(true);
    const il = items.find((e) => e.impermanentLoss).impermanentLoss;
    expect([typeof il.liquidity, typeof il.valuePositionUsd]).toEqual(['string', 'number']);

    const { rows: latest } = await f.db.pool.query(
      `SELECT kind, snapshot_time, liquidity::text AS liquidity, value_usd FROM position_snapshot WHERE position_manager = $1 AND token_id = $2
        ORDER BY snapshot_time DESC, block_number DESC, log_index DESC, kind DESC LIMIT 1`,
      [manager, pos.tokenId],
    );
    expect(body.latestSnapshot).toMatchObject({
      kind: latest[0].kind,
      snapshotTime: latest[0].snapshot_time,
      liquidity: latest[0].liquidity,
      valueUsd: latest[0].value_usd,
    });
    // the scenario's final liquidity of the (live) position
    expect(body.latestSnapshot.liquidity).toBe(pos.liquidity);

    // health: at each event, the newest score computed there; and the position's newest score and vesting
    const { rows: health } = await f.db.pool.query(
      `SELECT DISTINCT ON (block_number, log_index) block_number, log_index, as_of, score FROM position_health
        WHERE position_manager = $1 AND token_id = $2 ORDER BY block_number, log_index, as_of DESC`,
      [manager, pos.tokenId],
    );
    expect(health.length).toBeGreaterThan(0);
    const healthAt = new Map(health.map((h) => [`${h.block_number}:${h.log_index}`, [h.as_of, h.score]]));
    for (const e of items) expect(e.health === null ? null : [e.health.asOf, e.health.score]).toEqual(healthAt.get(`${e.blockNumber}:${e.logIndex}`) ?? null);
    expect(items.filter((e) => e.health).length).toBe([...healthAt.keys()].filter((k) => items.some((e) => `${e.blockNumber}:${e.logIndex}` === k)).length);
    const { rows: newest } = await f.db.pool.query(
      `SELECT h.as_of, h.score, v.as_of AS v_as_of, v.earned_raw::text AS earned FROM position_health h
         LEFT JOIN LATERAL (SELECT * FROM position_rflr_vesting v WHERE v.position_manager = h.position_manager AND v.token_id = h.token_id ORDER BY as_of DESC LIMIT 1) v ON true
        WHERE h.position_manager = $1 AND h.token_id = $2 ORDER BY h.as_of DESC LIMIT 1`,
      [manager, pos.tokenId],
    );
    expect([body.health.asOf, body.health.score]).toEqual([newest[0].as_of, newest[0].score]);
    expect(body.vesting === null ? null : [body.vesting.asOf, body.vesting.earnedRaw]).toEqual(
      newest[0].v_as_of === null ? null : [newest[0].v_as_of, newest[0].earned],
    );
  });

  it('walks the events in small pages: no duplicates, no gaps, the same list as one big page', async () => {
    const base = `/api/positions/${manager}/${pos.tokenId}`;
    const all = (await ok(`${base}?limit=1000`)).events.items.map((e: Json) => e.id);
    const { items, pages } = await walk(
      (after) => `${base}?limit=2${after ? `&after=${after}` : ''}`,
      (b) => b.events,
    );
    const ids = items.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 2)); // a full last page says next: null, no empty page after it
  });

  it('walks the timeline: every position_snapshot row of the position, in time order, exactly once', async () => {
    const { rows } = await f.db.pool.query(
      `SELECT kind, snapshot_time, block_number, log_index, liquidity::text AS liquidity, amount0::text AS amount0, value_usd, unclaimed_usd, range_status
         FROM position_snapshot WHERE position_manager = $1 AND token_id = $2 ORDER BY snapshot_time, block_number, log_index, kind`,
      [manager, pos.tokenId],
    );
    expect(rows.length).toBeGreaterThan(3);
    const base = `/api/positions/${manager}/${pos.tokenId}/timeline`;
    const big = await ok(`${base}?limit=1000`);
    expect(big.next).toBeNull();
    const { items } = await walk(
      (after) => `${base}?limit=3${after ? `&after=${after}` : ''}`,
      (b) => b,
    );
    const key = (s: Json) => `${s.snapshotTime}:${s.blockNumber}:${s.logIndex}:${s.kind}`;
    expect(new Set(items.map(key)).size).toBe(items.length);
    expect(items).toEqual(big.items);
    expect(items.map((s) => [s.kind, s.snapshotTime, s.blockNumber, s.logIndex, s.liquidity, s.amount0, s.valueUsd, s.unclaimedUsd, s.rangeStatus])).toEqual(
      rows.map((r) => [r.kind, r.snapshot_time, r.block_number, r.log_index, r.liquidity, r.amount0, r.value_usd, r.unclaimed_usd, r.range_status]),
    );
  });

  it("answers the position's pool with the manifest's tokens and fee, and every hourly volume and daily APR row, paginated", async () => {
    const address = pos.pool.toLowerCase();
    const mPool = f.chain.manifest.pools.find((p) => p.address.toLowerCase() === address)!;
    const body = await ok(`/api/pools/${pos.pool}?limit=1000`);
    expect(body.pool).toMatchObject({ address, token0: mPool.token0.toLowerCase(), token1: mPool.token1.toLowerCase(), fee: mPool.fee });

    const { rows: hours } = await f.db.pool.query(
      `SELECT extract(epoch FROM hour_start)::int AS h, volume_usd::text AS v, fees_24h_usd::text AS f24, swaps FROM pool_volume_hourly WHERE pool = $1 ORDER BY hour_start`,
      [address],
    );
    const { rows: days } = await f.db.pool.query(
      `SELECT day::text AS day, balance0::text AS b0, tvl_usd::text AS tvl, fee_apr, total_apr FROM pool_apr_daily WHERE pool = $1 ORDER BY day`,
      [address],
    );
    expect(hours.length).toBeGreaterThan(5);
    expect(days.length).toBeGreaterThan(1);
    expect(hours.reduce((n, h) => n + h.swaps, 0)).toBe(mPool.swaps); // every swap the scenario made in the pool, in some hour
    const hourRows = (xs: Json[]) => xs.map((h) => [h.hourStart, h.volumeUsd, h.fees24hUsd, h.swaps]);
    expect(hourRows(body.volumeHourly.items)).toEqual(hours.map((h) => [h.h, h.v, h.f24, h.swaps]));
    const dayRows = (xs: Json[]) => xs.map((d) => [d.day, d.balance0, d.tvlUsd, d.feeApr, d.totalApr]);
    expect(dayRows(body.aprDaily.items)).toEqual(days.map((d) => [d.day, d.b0, d.tvl, d.fee_apr, d.total_apr]));

    const walkedHours = await walk(
      (after) => `/api/pools/${address}?limit=4${after ? `&hoursAfter=${after}` : ''}`,
      (b) => b.volumeHourly,
    );
    expect(hourRows(walkedHours.items)).toEqual(hourRows(body.volumeHourly.items));
    const walkedDays = await walk(
      (after) => `/api/pools/${address}?limit=1${after ? `&daysAfter=${after}` : ''}`,
      (b) => b.aprDaily,
    );
    expect(walkedDays.pages).toBe(days.length);
    expect(dayRows(walkedDays.items)).toEqual(dayRows(body.aprDaily.items));
  });

  it('answers 404 for an unknown position or pool', async () => {
    for (const path of [`/api/positions/${manager}/999999999`, `/api/positions/${manager}/999999999/timeline`, `/api/pools/0x${'0'.repeat(39)}1`]) {
      const r = await get(path);
      expect([path, r.status, r.body?.statusCode]).toEqual([path, 404, 404]);
      expect(r.body.message).toMatch(/^no (position|pool) /);
    }
  });

  it('answers 400 with a message for a malformed manager, pool, token id, limit or cursor', async () => {
    const base = `/api/positions/${manager}/${pos.tokenId}`;
    const cases: [string, RegExp][] = [
      [`/api/positions/0x1234/${pos.tokenId}`, /manager must be an address/],
      [`/api/positions/${manager}/0x10`, /tokenId must be a decimal integer/],
      [`/api/positions/${manager}/-1/timeline`, /tokenId must be a decimal integer/],
      [`${base}?limit=0`, /limit must be a whole number from 1 to 1000/],
      [`${base}?limit=1001`, /limit must be a whole number/],
      [`${base}?limit=abc`, /limit must be a whole number/],
      [`${base}?after=12`, /after must be a cursor <blockNumber>:<logIndex>/],
      [`${base}/timeline?after=1:2:3`, /after must be a cursor <snapshotTime>/],
      [`/api/pools/0xzz${'0'.repeat(38)}`, /pool must be an address/],
      [`/api/pools/${pos.pool}?hoursAfter=yesterday`, /hoursAfter must be a cursor/],
      [`/api/pools/${pos.pool}?daysAfter=2024-02-30`, /daysAfter must be a cursor/],
    ];
    for (const [path, message] of cases) {
      const r = await get(path);
      expect([path, r.status, r.body?.statusCode, r.body?.error]).toEqual([path, 400, 400, 'Bad Request']);
      expect(r.body.message).toMatch(message);
    }
  });

  it('documents every read route in the OpenAPI document, with its query parameters, 200/400/404 and response schema', async () => {
    const doc = await ok('/api/docs-json');
    const routes: [string, string[]][] = [
      ['/api/positions/{manager}/{tokenId}', ['limit', 'after']],
      ['/api/positions/{manager}/{tokenId}/timeline', ['limit', 'after']],
      ['/api/pools/{address}', ['limit', 'hoursAfter', 'daysAfter']],
    ];
    for (const [path, query] of routes) {
      const op = doc.paths[path]?.get;
      expect(op).toBeDefined();
      expect(op.parameters.filter((p: Json) => p.in === 'query').map((p: Json) => p.name)).toEqual(expect.arrayContaining(query));
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
      expect(op.responses['200'].content['application/json'].schema.$ref).toMatch(/^#\/components\/schemas\//);
    }
    expect(Object.keys(doc.components.schemas.PositionEventDto.properties)).toEqual(
      expect.arrayContaining(['rangeStatus', 'impermanentLoss', 'unclaimedFees', 'collectFee']),
    );
  });
});
