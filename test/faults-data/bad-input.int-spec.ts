import type { PipelineFixture } from '../support/pipeline-fixture';
import { runPipeline, waitForMidRun, type PipelineRunResult } from '../support/fault-run';
import { waitFor } from '../support/wait-for';
import { deleteBadSourceRows, insertBadSourceRows, type BadRow } from './bad-source-rows';
import { poisonRecords, sendPoison, type Poison } from './poison-records';

/**
 * Steps reading each input topic, two of them from the chain; the input screen that
 * rejects bad records is the runtime's, the same for all ten steps.
 */
const RUN_STEPS = ['pool-attribution', 'fees-usd', 'range-status', 'unclaimed-fees', 'pool-volume', 'apr'];
/** The steps that read bad source rows (the attributed stream never carries them), and one step downstream. */
const SOURCE_STEPS = ['pool-attribution', 'fees-usd', 'pool-volume', 'apr'];

interface DeadLetter {
  step: string;
  error: string;
}

/** The dead letters naming `id`, by step. */
const lettersOf = (letters: DeadLetter[], id: string) => letters.filter((l) => l.error.includes(`${id}:`));

/** Waits for the run to complete with at least `count` dead letters, and returns them. */
async function completedWithLetters(f: PipelineFixture, count: number): Promise<DeadLetter[]> {
  await waitFor(
    async () => ({ state: (await f.status()).state, letters: (await f.db.pool.query('SELECT count(*)::int AS n FROM dead_letter')).rows[0].n }),
    (s) => s.state === 'completed' && s.letters >= count,
    `the run completed with ${count} dead letters`,
    300_000,
  );
  return (await f.db.pool.query<DeadLetter>('SELECT step, error FROM dead_letter ORDER BY step, error')).rows;
}

/** Each bad input is dead-lettered exactly once by each step that reads it, with its reason. */
function expectEachOnce(letters: DeadLetter[], bad: { id: string; reason: RegExp; steps: string[] }[]): void {
  for (const b of bad) {
    const mine = lettersOf(letters, b.id);
    expect({ id: b.id, steps: mine.map((l) => l.step).sort() }).toEqual({ id: b.id, steps: [...b.steps].sort() });
    for (const l of mine) expect(l.error).toMatch(b.reason);
  }
}

/** Removes the dead letters about `ids`: the rest must then equal the clean run's. */
async function forgetLetters(f: PipelineFixture, ids: string[]): Promise<void> {
  await f.db.pool.query(`DELETE FROM dead_letter WHERE error LIKE ANY($1::text[])`, [ids.map((id) => `%${id}:%`)]);
}

/**
 * Bad input through the steps of every input topic, checked against a clean run of the same history: poison
 * records with impossible values sent onto the input topics mid-run, and bad rows in the
 * source tables. Each lands in the DLQ exactly once per step that reads it, with its id and
 * reason; every other record is processed, and the result tables equal the clean run's.
 */
describe('bad input: poison records and bad source rows', () => {
  let clean: PipelineRunResult;

  beforeAll(async () => {
    clean = await runPipeline({ steps: RUN_STEPS, completeWithinMs: 300_000 });
  }, 420_000);

  it('sends poison records with impossible values to the DLQ and processes everything else', async () => {
    // Every result table has rows to compare; the history itself has nothing to dead-letter.
    expect(Object.entries(clean.tables).filter(([t, c]) => c.startsWith('0:') && !t.includes('dead_letter'))).toEqual([]);
    expect(clean.dlqRecords).toBe(0);
    let poison: Poison[] = [];
    const faulted = await runPipeline({
      steps: RUN_STEPS,
      completeWithinMs: 300_000,
      fault: async ({ f }) => {
        await waitForMidRun(f, ['pool-attribution', 'fees-usd', 'pool-volume']);
        poison = await poisonRecords(f.db.pool, RUN_STEPS);
        await sendPoison(f.prefix, poison);
        const expected = poison.reduce((n, p) => n + p.steps.length, 0);
        const letters = await completedWithLetters(f, expected);
        expectEachOnce(letters, poison);
        await forgetLetters(
          f,
          poison.map((p) => p.id),
        );
      },
    });
    expect(poison.length).toBe(12);
    expect(faulted.tables).toEqual(clean.tables);
    expect(faulted.dlqRecords).toBe(clean.dlqRecords + poison.reduce((n, p) => n + p.steps.length, 0));
  }, 600_000);

  it('sends bad source rows to the DLQ with their id and reason, enriches the good rows and finishes', async () => {
    let bad: BadRow[] = [];
    const faulted = await runPipeline({
      steps: SOURCE_STEPS,
      completeWithinMs: 300_000,
      prepare: async (f) => {
        bad = await insertBadSourceRows(f.db.pool);
      },
      fault: async ({ f }) => {
        const expected = bad.reduce((n, b) => n + b.steps.length, 0);
        const letters = await completedWithLetters(f, expected);
        expectEachOnce(letters, bad);
        // Nothing was written for them: their pool is still the source's 'unknown'.
        const { rows } = await f.db.pool.query(`SELECT count(*)::int AS n FROM "PositionEvent" WHERE id = ANY($1::text[]) AND pool <> 'unknown'`, [
          bad.map((b) => b.id),
        ]);
        expect(rows[0].n).toBe(0);
        await deleteBadSourceRows(f.db.pool, bad);
        await forgetLetters(
          f,
          bad.map((b) => b.id),
        );
      },
    });
    expect(bad.length).toBe(8);
    expect(faulted.status.replay.rowsProduced).toBe(faulted.status.replay.rowsTotal);
    // The same tables as the clean run's for these steps (whose dead letters were none).
    expect(faulted.tables).toEqual(Object.fromEntries(Object.keys(faulted.tables).map((t) => [t, clean.tables[t]])));
  }, 600_000);
});
