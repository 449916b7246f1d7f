import type { EndOfReplayMarker } from '@lib/kafka';
import { DEFAULT_UNKNOWN_ERROR_ATTEMPTS, handleIsolating, type HandlerStage, type IsolationOptions } from './batch-isolation';
import type { IncomingRecord, StepBatch, StepBatchResult } from './step-handler';

const overflow = () =>
  Object.assign(new Error('numeric field overflow'), {
    code: '22003',
    detail: 'A field with precision 48, scale 18 must round to an absolute value less than 10^30.',
  });
const reset = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
const marker: EndOfReplayMarker = { kind: 'end-of-replay', runId: '7', asOf: 1000, partitions: 3 };

/** Records at offsets 10, 11, … with their value `v<offset>`. */
function batchOf(count: number, markers: EndOfReplayMarker[] = []): StepBatch<unknown> {
  const records: IncomingRecord<unknown>[] = Array.from({ length: count }, (_, i) => ({
    topic: 'in',
    partition: 1,
    offset: String(10 + i),
    key: `k${i}`,
    value: `v${10 + i}`,
  }));
  return { topic: 'in', partition: 1, records, markers };
}

/**
 * A fake step: a call fails (writing nothing) when `fails` says so for its records, else it
 * "writes" each record once, rejects those `rejects` names and outputs one message per
 * record; a call with markers counts as one run-end.
 */
function fakeStep(opts: { fails: (offsets: string[], call: number) => unknown; rejects?: string[]; runEndFails?: (call: number) => unknown }) {
  const written = new Map<string, number>();
  const calls: string[][] = [];
  let runEnds = 0;
  let runEndCalls = 0;
  const handler = async (b: StepBatch<unknown>): Promise<StepBatchResult> => {
    const offsets = b.records.map((r) => r.offset);
    calls.push(offsets);
    const error = offsets.length > 0 ? opts.fails(offsets, calls.length) : undefined;
    if (error) throw error;
    if (b.markers.length > 0) {
      const e = opts.runEndFails?.(++runEndCalls);
      if (e) throw e;
    }
    for (const o of offsets) written.set(o, (written.get(o) ?? 0) + 1);
    runEnds += b.markers.length;
    return {
      rejected: offsets.filter((o) => opts.rejects?.includes(o)).map((o) => ({ offset: o, reason: `bad ${o}` })),
      output: offsets.map((o) => ({ key: o })),
    };
  };
  const retries: { stage: HandlerStage; attempt: number }[] = [];
  const options = (more: Partial<IsolationOptions> = {}): IsolationOptions => ({
    handler,
    retryOptions: (stage) => ({ sleep: async () => undefined, onRetry: (_e, attempt) => void retries.push({ stage, attempt }) }),
    isFatal: () => false,
    ...more,
  });
  return { written, calls, retries, options, runEnds: () => runEnds };
}

describe('handleIsolating', () => {
  it('dead-letters exactly the record that fails deterministically; the others are written once, markers handled once, output in offset order', async () => {
    const step = fakeStep({ fails: (offsets) => (offsets.includes('15') ? overflow() : undefined), rejects: ['12', '17'] });
    const batch = batchOf(8, [marker]);
    const result = await handleIsolating(batch, step.options());

    expect(result.failed).toEqual([
      {
        offset: '15',
        errorClass: 'deterministic',
        reason:
          'deterministic error 22003 on this record: numeric field overflow (A field with precision 48, scale 18 must round to an absolute value less than 10^30.)',
      },
    ]);
    const others = ['10', '11', '12', '13', '14', '16', '17'];
    expect(Object.fromEntries(step.written)).toEqual(Object.fromEntries(others.map((o) => [o, 1])));
    expect(step.runEnds()).toBe(1);
    expect(result.output.map((o) => o.key)).toEqual(others);
    expect(result.rejected).toEqual([
      { offset: '12', reason: 'bad 12' },
      { offset: '17', reason: 'bad 17' },
    ]);
    // The whole batch with its marker; its records without it; then halves down to 15; the marker last, alone.
    expect(step.calls).toEqual([
      ['10', '11', '12', '13', '14', '15', '16', '17'],
      ['10', '11', '12', '13', '14', '15', '16', '17'],
      ['10', '11', '12', '13'],
      ['14', '15', '16', '17'],
      ['14', '15'],
      ['14'],
      ['15'],
      ['16', '17'],
      [],
    ]);
    expect(step.retries).toEqual([]); // a deterministic error is never retried as such
  });

  it('without markers, splits at once (the failing call was the records alone) and finds two bad records', async () => {
    const step = fakeStep({
      fails: (offsets) => (offsets.includes('10') || offsets.includes('13') ? new TypeError("Cannot read properties of null (reading 'usd')") : undefined),
    });
    const result = await handleIsolating(batchOf(4), step.options());
    expect(result.failed.map((f) => [f.offset, f.errorClass])).toEqual([
      ['10', 'deterministic'],
      ['13', 'deterministic'],
    ]);
    expect(result.failed[0].reason).toBe("deterministic error on this record: Cannot read properties of null (reading 'usd')");
    expect(Object.fromEntries(step.written)).toEqual({ '11': 1, '12': 1 });
    expect(step.calls).toEqual([['10', '11', '12', '13'], ['10', '11'], ['10'], ['11'], ['12', '13'], ['12'], ['13']]);
  });

  it('writes a batch whose halves succeed (a conflict between two records) without dead-lettering anything', async () => {
    const cardinality = Object.assign(new Error('ON CONFLICT DO UPDATE command cannot affect row a second time'), { code: '21000' });
    const step = fakeStep({ fails: (offsets) => (offsets.includes('10') && offsets.includes('13') ? cardinality : undefined) });
    const result = await handleIsolating(batchOf(4), step.options());
    expect(result.failed).toEqual([]);
    expect(Object.fromEntries(step.written)).toEqual({ '10': 1, '11': 1, '12': 1, '13': 1 });
  });

  it('retries a transient error with no limit and never splits the batch', async () => {
    const step = fakeStep({ fails: (_offsets, call) => (call <= 12 ? reset() : undefined) });
    const result = await handleIsolating(batchOf(5, [marker]), step.options());
    expect(result.failed).toEqual([]);
    expect(step.calls).toHaveLength(13);
    expect(step.calls.every((c) => c.length === 5)).toBe(true);
    expect(step.retries).toEqual(Array.from({ length: 12 }, (_, i) => ({ stage: 'handler', attempt: i + 1 })));
    expect(step.runEnds()).toBe(1);
    expect(step.written.size).toBe(5);
  });

  it('retries a statement error (SQLSTATE 42P01, a missing table) like a transient one: it is no record’s fault', async () => {
    const missing = Object.assign(new Error('relation "position_range_status" does not exist'), { code: '42P01' });
    const step = fakeStep({ fails: (_offsets, call) => (call <= 8 ? missing : undefined) });
    const result = await handleIsolating(batchOf(3), step.options());
    expect(result.failed).toEqual([]);
    expect(step.calls).toHaveLength(9);
    expect(step.calls.every((c) => c.length === 3)).toBe(true);
  });

  it(`takes an unknown error repeated ${DEFAULT_UNKNOWN_ERROR_ATTEMPTS} times on the same records as deterministic, and splits`, async () => {
    const step = fakeStep({ fails: (offsets) => (offsets.includes('11') ? new Error('boom') : undefined) });
    const result = await handleIsolating(batchOf(2), step.options());
    expect(result.failed).toEqual([{ offset: '11', errorClass: 'unknown', reason: 'unknown error, failed 5 times on this record: boom' }]);
    expect(Object.fromEntries(step.written)).toEqual({ '10': 1 });
    // 5 attempts of the whole batch, 1 of the good half, 5 of the bad one.
    expect(step.calls.map((c) => c.join())).toEqual([...Array(5).fill('10,11'), '10', ...Array(5).fill('11')]);
    expect(step.retries.filter((r) => r.stage === 'handler')).toHaveLength(8);
  });

  it('does not count transient failures toward the bound on unknown ones', async () => {
    // Unknown and transient failures alternate on the whole batch, then it succeeds: 4 unknown, never split.
    const step = fakeStep({ fails: (_offsets, call) => (call <= 8 ? (call % 2 ? new Error('boom') : reset()) : undefined) });
    const result = await handleIsolating(batchOf(2), step.options());
    expect(result.failed).toEqual([]);
    expect(step.calls.map((c) => c.length)).toEqual(Array(9).fill(2));
  });

  it('takes the bound as an option', async () => {
    const step = fakeStep({ fails: (offsets) => (offsets.includes('10') ? new Error('boom') : undefined) });
    const result = await handleIsolating(batchOf(1), step.options({ unknownErrorAttempts: 2 }));
    expect(result.failed.map((f) => f.reason)).toEqual(['unknown error, failed 2 times on this record: boom']);
    expect(step.calls).toHaveLength(2);
    await expect(handleIsolating(batchOf(1), step.options({ unknownErrorAttempts: 0 }))).rejects.toThrow(/positive integer/);
  });

  it('retries a deterministic failure of the run-end part (markers) with backoff and never drops the marker', async () => {
    const step = fakeStep({ fails: () => undefined, runEndFails: (call) => (call <= 4 ? overflow() : undefined) });
    const result = await handleIsolating(batchOf(3, [marker]), step.options());
    expect(result.failed).toEqual([]);
    expect(step.runEnds()).toBe(1);
    // The whole batch failed in its run-end part: its records alone succeed, then the run-end alone is retried.
    expect(step.calls.map((c) => c.length)).toEqual([3, 3, 0, 0, 0, 0]);
    expect(step.retries.map((r) => r.stage)).toEqual(['run-end', 'run-end', 'run-end']);
  });

  it('runs a batch of markers alone as the run-end part', async () => {
    const step = fakeStep({ fails: () => undefined, runEndFails: (call) => (call === 1 ? new Error('boom') : undefined) });
    const result = await handleIsolating(batchOf(0, [marker]), step.options());
    expect(result).toEqual({ rejected: [], output: [], failed: [] });
    expect(step.runEnds()).toBe(1);
    expect(step.retries).toEqual([{ stage: 'run-end', attempt: 1 }]);
  });

  it('rethrows a fatal error (consumer stopped, partition lost) at once, without splitting', async () => {
    const lost = new Error('rebalance');
    const step = fakeStep({ fails: () => lost });
    await expect(handleIsolating(batchOf(4), step.options({ isFatal: (e) => e === lost }))).rejects.toBe(lost);
    expect(step.calls).toHaveLength(1);
  });
});
