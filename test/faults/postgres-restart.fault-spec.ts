import { loadConfig } from '@lib/config';
import { runPipeline, waitForMidRun, type PipelineRunResult } from '../support/fault-run';
import { restartPostgres } from '../support/stack-control';
import { waitFor } from '../support/wait-for';

/**
 * The PostgreSQL server restarted while the replay produces and the steps write: every
 * open connection is cut. Consumers retry their batches (nothing skipped), the replay
 * resumes from its saved cursor, the schema registry (whose storage is on the same
 * server) answers again, and the run ends with the tables of a clean run.
 */
const STEPS = ['pool-attribution', 'fees-usd', 'unclaimed-fees', 'position-snapshots', 'pool-volume'];

describe('PostgreSQL restarted mid-run', () => {
  let clean: PipelineRunResult;

  beforeAll(async () => {
    clean = await runPipeline({ steps: STEPS });
  });

  it('ends with the tables of a clean run', async () => {
    expect(Object.values(clean.tables).filter((c) => c.startsWith('0:'))).toEqual(['0:0']); // only the dead letters are empty
    let subjects: string[] = [];
    const faulted = await runPipeline({
      steps: STEPS,
      fault: async ({ f }) => {
        await waitForMidRun(f, ['pool-attribution', 'position-snapshots', 'pool-volume']);
        await restartPostgres();
        // The registry keeps its schemas in the same server: it must serve them again.
        subjects = await waitFor(
          async () => {
            const res = await fetch(`${loadConfig().schemaRegistryUrl}/subjects`);
            return res.ok ? ((await res.json()) as string[]) : [];
          },
          (s) => s.includes(`${f.prefix}lp.position-events.v1-value`),
          'the schema registry listing subjects after the restart',
          60_000,
        );
      },
    });
    expect(subjects).toEqual(expect.arrayContaining([expect.stringMatching(/lp\.pool-events\.v1-value$/)]));
    expect(faulted.tables).toEqual(clean.tables);
    expect(faulted.dlqRecords).toBe(0);
    expect(faulted.status.replay.rowsProduced).toBe(faulted.status.replay.rowsTotal);
  }, 420_000);
});
