import { runPipeline, waitForMidRun, type PipelineRunResult } from '../support/fault-run';
import { stackCommand } from '../support/stack-control';

/**
 * The broker SIGKILLed while the replay produces and the steps consume, then started
 * again: producers and consumers reconnect by themselves and the run ends with the
 * tables of a clean run, nothing lost or doubled, no dead letters.
 */
const STEPS = ['pool-attribution', 'fees-usd', 'unclaimed-fees', 'position-snapshots', 'pool-volume'];

describe('broker killed mid-run', () => {
  let clean: PipelineRunResult;

  beforeAll(async () => {
    clean = await runPipeline({ steps: STEPS });
  });

  // Whatever happens in the test, the broker is left running for whoever comes next.
  afterAll(() => stackCommand('start-kafka'));

  it('ends with the tables of a clean run', async () => {
    expect(Object.values(clean.tables).filter((c) => c.startsWith('0:'))).toEqual(['0:0']); // only the dead letters are empty
    expect(clean.dlqRecords).toBe(0);
    const faulted = await runPipeline({
      steps: STEPS,
      fault: async ({ f }) => {
        await waitForMidRun(f, ['pool-attribution', 'position-snapshots', 'pool-volume']);
        await stackCommand('kill-kafka');
        await new Promise((r) => setTimeout(r, 3000)); // clients see the broker gone: failed sends, fetches, commits
        await stackCommand('start-kafka');
      },
    });
    expect(faulted.tables).toEqual(clean.tables);
    expect(faulted.dlqRecords).toBe(0);
    expect(faulted.status.replay.rowsProduced).toBe(faulted.status.replay.rowsTotal);
  }, 420_000);
});
