import { PipelineFixture } from '../support/pipeline-fixture';

/**
 * Step 1 end to end: the indexed history of the shared chain (two DEXes, overlapping token
 * ids, burns, mint-and-burn in one block) is replayed through Kafka and attributed by the
 * step service. The oracle is the scenario's manifest: the pool each mint was sent to.
 */
describe('pool attribution, end to end', () => {
  let f: PipelineFixture;

  beforeAll(async () => {
    f = await PipelineFixture.create();
    await f.startAdmin();
    await f.startStep('pool-attribution');
  });

  afterAll(() => f?.close());

  it('fills every unknown pool with the pool the contracts say, and a second replay changes nothing', async () => {
    const { rows: before } = await f.db.pool.query(`SELECT count(*)::int AS n FROM "PositionEvent" WHERE pool = 'unknown'`);
    expect(before[0].n).toBeGreaterThan(50);

    expect((await f.post({ action: 'start', steps: ['pool-attribution'] })).status).toBe(200);
    const done = await f.waitForState('completed');
    expect(done.steps[0]).toMatchObject({ name: 'pool-attribution', state: 'complete', lag: 0, dlq: 0 });

    const { rows: unknown } = await f.db.pool.query(`SELECT count(*)::int AS n FROM "PositionEvent" WHERE pool = 'unknown'`);
    expect(unknown[0].n).toBe(0);

    // Every event's pool is the pool its position was minted into, per DEX: ids overlap across DEXes.
    const expected = new Map(f.chain.manifest.positions.map((p) => [`${p.dex}:${p.tokenId}`, p.pool.toLowerCase()]));
    const { rows } = await f.db.pool.query(`SELECT "tokenId", pool, metadata->>'dex' AS dex FROM "PositionEvent"`);
    const wrong = rows.filter((r) => expected.get(`${r.dex}:${r.tokenId}`) !== r.pool);
    expect(wrong).toEqual([]);
    const both = f.chain.manifest.positions.filter((p) => p.tokenId === '1');
    expect(new Set(both.map((p) => p.dex)).size).toBe(2);

    const { rows: registry } = await f.db.pool.query('SELECT position_manager, token_id, pool, dex FROM position_registry');
    expect(registry).toHaveLength(f.chain.manifest.positions.length);
    for (const r of registry) expect(r.pool).toBe(expected.get(`${r.dex}:${r.token_id}`));

    const sums = async () => [await f.checksum('PositionEvent'), await f.checksum('position_registry'), await f.checksum('attributed_event')];
    const first = await sums();
    expect((await f.post({ action: 'start', steps: ['pool-attribution'] })).status).toBe(200);
    await f.waitForState('completed');
    expect(await sums()).toEqual(first);
  });
});
