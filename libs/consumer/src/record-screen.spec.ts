import type { StepBatch } from './step-handler';
import { screenedHandler } from './record-screen';

const record = (offset: string, value: number) => ({ topic: 't', partition: 0, offset, key: null, value });
const batch: StepBatch<unknown> = { topic: 't', partition: 0, records: [record('1', 1), record('2', -1), record('3', 3)], markers: [] };

describe('screenedHandler', () => {
  it('hands the step only what the screen let through and reports both rejections', async () => {
    const seen: unknown[] = [];
    const handler = screenedHandler(
      async (b) => {
        seen.push(...b.records.map((r) => r.value));
        return { rejected: [{ offset: '3', reason: 'step says no' }], output: [{ key: 'k' }] };
      },
      async (records) => records.filter((r) => (r.value as number) < 0).map((r) => ({ offset: r.offset, reason: 'negative' })),
    );
    expect(await handler(batch)).toEqual({
      rejected: [
        { offset: '2', reason: 'negative' },
        { offset: '3', reason: 'step says no' },
      ],
      output: [{ key: 'k' }],
    });
    expect(seen).toEqual([1, 3]);
  });

  it('passes the batch and the result through untouched when nothing is screened out', async () => {
    const handler = screenedHandler(
      async (b) => ({ output: [{ key: String(b.records.length) }] }),
      async () => [],
    );
    expect(await handler(batch)).toEqual({ output: [{ key: '3' }] });
  });
});
