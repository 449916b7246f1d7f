import { runPipeline, waitForMidRun, type PipelineRunResult } from '../support/fault-run';
import { stepStatus as byName, type BackfillStatus, type PipelineFixture } from '../support/pipeline-fixture';
import { waitFor } from '../support/wait-for';

/**
 * Rebalances while batches are in flight: a second instance of two steps joins their
 * groups mid-run, then the first instance of each leaves on SIGTERM (finish the batch,
 * commit, leave), all while the replay produces. Partitions move twice; the tables end
 * equal to a clean run's, with no row missing or doubled.
 */
const STEPS = ['pool-attribution', 'unclaimed-fees', 'position-snapshots', 'pool-volume'];
/** The step with an output topic and a step that aggregates (hourly volume). */
const REBALANCED = ['pool-attribution', 'pool-volume'];

const committed = (f: PipelineFixture): Promise<Record<string, number>> =>
  f.status().then((s) => Object.fromEntries(REBALANCED.map((n) => [n, byName(s, n).committed])));

describe('rebalance mid-run', () => {
  let clean: PipelineRunResult;

  beforeAll(async () => {
    clean = await runPipeline({ steps: STEPS });
  });

  it('an instance joining and one leaving mid-run leave the tables of a clean run', async () => {
    expect(Object.values(clean.tables).filter((c) => c.startsWith('0:'))).toEqual(['0:0']); // only the dead letters are empty
    const exits: (number | string | null)[] = [];
    let atLeave: BackfillStatus | undefined;
    const faulted = await runPipeline({
      steps: STEPS,
      replayRowsPerSec: 20,
      fault: async ({ f, instances }) => {
        await waitForMidRun(f, REBALANCED);
        // The replay is held while the new instances start (slow on a busy machine), so the
        // rebalance happens with records still to come.
        await f.post({ action: 'pause' });
        const joined = await Promise.all(REBALANCED.map((step) => f.startStep(step)));
        const before = await committed(f);
        await f.post({ action: 'resume' });
        // Both members in each group, and each group moving on after the rebalance.
        await waitFor(
          () => f.status(),
          (s) => REBALANCED.every((n) => byName(s, n).instances === 2 && byName(s, n).committed > before[n]),
          'two instances per rebalanced step, both groups committing',
          90_000,
          250,
        );
        atLeave = await f.status();
        for (const [i, step] of REBALANCED.entries()) {
          const first = instances.get(step)![0];
          await first.stop('SIGTERM'); // escalates to SIGKILL after 30 s
          exits.push(first.child.exitCode ?? first.child.signalCode); // Nest re-raises SIGTERM after its shutdown hooks
          instances.get(step)!.push(joined[i]);
        }
        // A member that leaves is out of its group at once; a crashed one would stay until its 30 s session expired.
        await waitFor(
          () => f.status(),
          (s) => REBALANCED.every((n) => byName(s, n).instances === 1),
          'the members that left gone from their groups',
          15_000,
          250,
        );
      },
    });
    expect(atLeave?.replay.rowsProduced).toBeLessThan(atLeave?.replay.rowsTotal ?? 0); // the leave happened mid-run
    expect(exits.every((e) => e === 0 || e === 'SIGTERM')).toBe(true); // not killed after the grace period
    expect(faulted.tables).toEqual(clean.tables);
    expect(faulted.dlqRecords).toBe(0);
  }, 420_000);
});
