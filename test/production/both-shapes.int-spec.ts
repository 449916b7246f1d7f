/**
 * Both shapes end to end (issue 12): the shared local-chain scenario (Anvil running the real
 * Uniswap V3 contracts, two DEXes; mints, increases, decreases, collects, transfers, burns and
 * swaps over three days) indexed into fresh databases, once in the full shape and once in the
 * PRODUCTION shape (docs/indexer.md, *Two shapes*: no MINT/BURN rows, positive DECREASE
 * deltas, window-middle timestamps, no Initialize/Flash rows, PoolCreated rows, no metadata, no
 * block_time; no start-block cut, no quirks). Each runs the whole pipeline on the real stack:
 * the admin app's replay (prepare phase, normalization) and all ten step services.
 *
 * The oracle is the full-shape run: production's rows describe the same chain, so every step
 * must write the same rows from them (`tableChecksums` of its result tables, libs/pipeline
 * `stepResults`), except what production cannot know, each a named exception below:
 * - BURN: production has no BURN row in "PositionEvent" (the replay makes the record from the
 *   transfer to 0x0), so there is no row whose `pool`/`usdValue` a step could fill: the columns
 *   steps fill in "PositionEvent" are compared over the rows that are not BURNs.
 * - INITIALIZE: production has no Initialize rows, so a pool's price and tick before its first
 *   Swap are unknown (no row says them; the chain would, at an archive node). What depends on
 *   them is not filtered column by column: a third run indexes the full shape and deletes its
 *   Initialize rows, and the production run must equal THAT run exactly, dead letters included,
 *   and the full run wherever the step does not depend on a pool's price before its first Swap.
 * Where checksums differ the failure lists the differing rows.
 */
import { checksumTargetName, quoteIdent, tableChecksums, type ChecksumTarget } from '@lib/db';
import { importRewardInputs, manifestRewardInputs, type ChainManifest } from '@lib/indexer';
import { STEP_NAMES, stepOutputs } from '@lib/pipeline';
import { PipelineFixture } from '../support/pipeline-fixture';

/** Every row of a target as text (the row's text form, as the checksum hashes it). */
async function rowsOf(f: PipelineFixture, target: ChecksumTarget): Promise<string[]> {
  const from = typeof target === 'string' ? quoteIdent(target) : `(SELECT ${target.columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(target.table)})`;
  const { rows } = await f.db.pool.query<{ r: string }>(`SELECT t::text AS r FROM ${from} t ORDER BY 1`);
  return rows.map((row) => row.r);
}

/** The rows only in `a` and only in `b`, as multisets. */
function multisetDiff(a: readonly string[], b: readonly string[]): { onlyA: string[]; onlyB: string[] } {
  const count = new Map<string, number>();
  for (const r of a) count.set(r, (count.get(r) ?? 0) + 1);
  const onlyB: string[] = [];
  for (const r of b) {
    const n = count.get(r) ?? 0;
    if (n > 0) count.set(r, n - 1);
    else onlyB.push(r);
  }
  const onlyA = [...count].flatMap(([r, n]) => Array<string>(n).fill(r));
  return { onlyA, onlyB };
}

type Run = 'full' | 'production' | 'fullWithoutInitialize';

/**
 * The columns steps fill in "PositionEvent", over the rows production has too (exception BURN):
 * a view in each database, so `tableChecksums` compares them.
 */
const NOT_BURN_VIEW = 'position_event_not_burn';

/**
 * Exception INITIALIZE: the steps whose results depend on a pool's price or tick before its
 * first Swap in this scenario (the pools are created, initialized and minted into before any
 * swap), which production's rows do not hold: time in range from the mint (range-status,
 * position-health), the value of a position at its mint (impermanent-loss, position-snapshots,
 * rflr-vesting's USD at its first event, apr's rFLR and incentive USD), swaps priced through a
 * pool not yet swapped (pool-volume). Their production results equal the full shape's with the
 * Initialize rows deleted; the others' equal the full shape's.
 */
const INITIALIZE_DEPENDENT = new Set(['range-status', 'impermanent-loss', 'position-snapshots', 'pool-volume', 'apr', 'rflr-vesting', 'position-health']);

/** A step's result targets, the filled "PositionEvent" columns read through the not-BURN view. */
function targetsOf(step: string): ChecksumTarget[] {
  return stepOutputs(step).map((t) => (typeof t === 'string' || t.table !== 'PositionEvent' ? t : { table: NOT_BURN_VIEW, columns: t.columns }));
}

describe('both shapes end to end: production rows give every step the full shape results', () => {
  const fixtures: Partial<Record<Run, PipelineFixture>> = {};
  const dlq: Partial<Record<Run, { step: string; error: string }[]>> = {};

  async function run(name: Run): Promise<void> {
    const f = await PipelineFixture.create({ shape: name === 'production' ? 'production' : 'full' });
    fixtures[name] = f;
    if (name === 'fullWithoutInitialize') {
      const { rowCount } = await f.db.pool.query(`DELETE FROM "PoolEvent" WHERE "eventName" = 'Initialize'`);
      expect(rowCount).toBe(f.chain.manifest.pools.length);
    }
    await f.db.pool.query(`CREATE VIEW ${NOT_BURN_VIEW} AS SELECT * FROM "PositionEvent" WHERE "eventType" <> 'BURN'`);
    // The same reward inputs in all (production's rolling incentive snapshots are another input, not the source rows' shape).
    const imported = await importRewardInputs(f.db.pool, manifestRewardInputs(f.chain.manifest as unknown as ChainManifest));
    expect(imported.rejected).toEqual([]);
    await f.startAdmin();
    for (const step of STEP_NAMES) await f.startStep(step);
    const started = Date.now();
    expect((await f.post({ action: 'start', steps: STEP_NAMES })).status).toBe(200);
    const done = await f.waitForState('completed', 600_000);
    for (const step of STEP_NAMES) expect(done.steps.find((s) => s.name === step)).toMatchObject({ state: 'complete', lag: 0 });
    process.stdout.write(`${name}: start to completed in ${Date.now() - started} ms\n`);
    const { rows } = await f.db.pool.query<{ step: string; error: string }>('SELECT step, error FROM dead_letter ORDER BY step, error');
    dlq[name] = rows;
    // The results are written: the processes are not needed for the comparison (eleven per run on two cores).
    await Promise.all(f.services.map((s) => s.stop('SIGKILL')));
    await f.admin?.stop('SIGKILL');
  }

  /** Equal checksums of `targets` in two runs; else the rows only in one or the other. */
  async function differences(a: Run, b: Run, targets: readonly ChecksumTarget[]): Promise<string[]> {
    const [sa, sb] = [await tableChecksums(fixtures[a]!.db.pool, targets), await tableChecksums(fixtures[b]!.db.pool, targets)];
    const out: string[] = [];
    for (const target of targets) {
      const name = checksumTargetName(target);
      if (sa[name] === sb[name]) continue;
      const { onlyA, onlyB } = multisetDiff(await rowsOf(fixtures[a]!, target), await rowsOf(fixtures[b]!, target));
      out.push(
        `${name}: ${onlyA.length} rows only in ${a}, ${onlyB.length} only in ${b}\n  ${a}: ${onlyA.slice(0, 4).join('\n    ')}\n  ${b}: ${onlyB.slice(0, 4).join('\n    ')}`,
      );
    }
    return out;
  }

  beforeAll(async () => {
    await run('full');
    await run('production');
    await run('fullWithoutInitialize');
  }, 1_500_000);

  afterAll(async () => {
    for (const f of Object.values(fixtures)) await f?.close();
  });

  it('the full-shape run dead-letters nothing', () => {
    expect(dlq.full).toEqual([]);
  });

  it("the production run dead-letters only records valued before a pool's first Swap, those of the full run without Initialize rows", async () => {
    // Each names the pool(s) without a price and the point it was asked at; the full shape's rows (the chain's logs) say that pool had no Swap before it.
    for (const { step, error } of dlq.production!) {
      expect([step, error]).toEqual([
        expect.stringMatching(/^(range-status|impermanent-loss|position-snapshots|pool-volume|apr|rflr-vesting|position-health)$/),
        expect.stringMatching(/no (price \(Swap or Initialize\)|Swap or Initialize) before/),
      ]);
      const point = /before (\d+):(\d+)|as of (\d+):(\d+)/.exec(error);
      const time = /event at (\d+)$/.exec(error);
      const pools = [...error.matchAll(/pool (0x[0-9a-f]{40})(?::| has)/g)].map((m) => m[1]);
      expect(pools.length).toBeGreaterThan(0);
      for (const pool of pools) {
        const { rows } = await fixtures.full!.db.pool.query<{ swaps: number; inits: number }>(
          `SELECT count(*) FILTER (WHERE e."eventName" = 'Swap' AND ($2::int IS NULL OR (e."blockNumber", e."logIndex") < ($2, $3)) AND ($4::int IS NULL OR bt.timestamp < $4))::int AS swaps,
                  count(*) FILTER (WHERE e."eventName" = 'Initialize')::int AS inits
             FROM "PoolEvent" e JOIN block_time bt ON bt.block_number = e."blockNumber" WHERE e.pool = $1`,
          [pool, point ? Number(point[1] ?? point[3]) : null, point ? Number(point[2] ?? point[4]) : null, time ? Number(time[1]) : null],
        );
        expect({ pool, error, ...rows[0] }).toEqual({ pool, error, swaps: 0, inits: 1 });
      }
    }
    expect(dlq.production!.length).toBeGreaterThan(0);
    expect(dlq.production).toEqual(dlq.fullWithoutInitialize);
    const byStep = new Map<string, number>();
    for (const d of dlq.production!) byStep.set(d.step, (byStep.get(d.step) ?? 0) + 1);
    process.stdout.write(`production dead letters by step: ${JSON.stringify(Object.fromEntries(byStep))}\n`);
  });

  it.each(STEP_NAMES.map((s) => [s]))(
    "%s: the production run's results equal the full run's (without Initialize rows where it depends on them)",
    async (step) => {
      const oracle: Run = INITIALIZE_DEPENDENT.has(step) ? 'fullWithoutInitialize' : 'full';
      expect(await differences(oracle, 'production', targetsOf(step))).toEqual([]);
      // The exception is not stale: a step listed does differ from the full run.
      const fromFull = await differences('full', 'production', targetsOf(step));
      if (INITIALIZE_DEPENDENT.has(step)) expect(fromFull.length).toBeGreaterThan(0);
      process.stdout.write(`${step}: vs full: ${fromFull.map((d) => d.split('\n')[0]).join('; ') || 'equal'}\n`);
    },
  );
});
