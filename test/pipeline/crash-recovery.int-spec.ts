import { tableChecksums } from '@lib/db';
import { importRewardInputs, manifestRewardInputs, type ChainManifest } from '@lib/indexer';
import { stepOutputs } from '@lib/pipeline';
import { PipelineFixture, stepStatus } from '../support/pipeline-fixture';
import { waitFor } from '../support/wait-for';

/**
 * Steps 6–10 under a crash: their consumers are SIGKILLed mid-run and restarted, and their
 * tables must end identical, checksum for checksum, to a clean run's.
 */
const STEPS = ['pool-attribution', 'position-snapshots', 'pool-volume', 'apr', 'rflr-vesting', 'position-health'];
const TABLES = STEPS.slice(1).flatMap(stepOutputs);

async function prepared(throttled: boolean): Promise<PipelineFixture> {
  const f = await PipelineFixture.create();
  if (throttled) f.extraEnv = { REPLAY_PAGE_SIZE: '10', REPLAY_MAX_ROWS_PER_SEC: '40' };
  await importRewardInputs(f.db.pool, manifestRewardInputs(f.chain.manifest as unknown as ChainManifest));
  await f.startAdmin();
  return f;
}

const checksums = (f: PipelineFixture) => tableChecksums(f.db.pool, TABLES);

describe('steps 6–10 after consumers are killed mid-run', () => {
  let clean: Record<string, string>;

  beforeAll(async () => {
    const f = await prepared(false);
    try {
      for (const step of STEPS) await f.startStep(step);
      await f.post({ action: 'start', steps: STEPS });
      await f.waitForState('completed', 300_000);
      clean = await checksums(f);
    } finally {
      await f.close();
    }
  });

  it('ends with the same tables as a clean run', async () => {
    expect(Object.values(clean).filter((c) => c.startsWith('0:'))).toEqual([]); // every table has rows to compare
    const f = await prepared(true);
    try {
      const services = new Map<string, Awaited<ReturnType<PipelineFixture['startStep']>>>();
      for (const step of STEPS) services.set(step, await f.startStep(step));
      await f.post({ action: 'start', steps: STEPS });
      // Mid-run for both inputs: the attributed stream and the pool-event stream are still filling.
      await waitFor(
        () => f.status(),
        (s) => stepStatus(s, 'position-snapshots').committed > 20 && stepStatus(s, 'pool-volume').committed > 60 && s.replay.rowsProduced < s.replay.rowsTotal,
        'steps 6–10 mid-run',
      );
      for (const step of STEPS.slice(1)) await services.get(step)!.stop('SIGKILL');
      await new Promise((r) => setTimeout(r, 1000));
      for (const step of STEPS.slice(1)) await f.startStep(step);
      await f.waitForState('completed', 300_000);
      expect(await checksums(f)).toEqual(clean);
    } finally {
      await f.close();
    }
  });
});
