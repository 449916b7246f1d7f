import { backoffDelay, retry } from './retry';

const noSleep = async () => undefined;
const transient = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

describe('backoffDelay', () => {
  const options = { baseDelayMs: 100, maxDelayMs: 1000, factor: 2 };
  it('doubles per attempt and caps', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, options, 0.5))).toEqual([100, 200, 400, 800, 1000]);
  });
  it('jitters between half and one and a half times', () => {
    expect(backoffDelay(2, options, 0)).toBe(100);
    expect(backoffDelay(2, options, 0.999)).toBe(300);
  });
});

describe('retry', () => {
  it('returns the first success after transient failures, with growing pauses', async () => {
    const pauses: number[] = [];
    let calls = 0;
    const result = await retry(
      async () => {
        calls++;
        if (calls < 3) throw transient();
        return 'ok';
      },
      { random: () => 0.5, sleep: async (ms) => void pauses.push(ms), baseDelayMs: 10 },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(pauses).toEqual([10, 20]);
  });

  it('gives up after `retries` and rethrows the last error', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw transient();
        },
        { retries: 2, sleep: noSleep },
      ),
    ).rejects.toThrow('socket hang up');
    expect(calls).toBe(3);
  });

  it('does not retry a permanent error', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new Error('execution reverted');
        },
        { sleep: noSleep },
      ),
    ).rejects.toThrow('reverted');
    expect(calls).toBe(1);
  });

  it('uses the given predicate and reports each retry', async () => {
    const seen: number[] = [];
    let calls = 0;
    await retry(
      async () => {
        if (++calls < 2) throw new Error('custom');
        return calls;
      },
      { shouldRetry: (error) => (error as Error).message === 'custom', onRetry: (_, attempt) => seen.push(attempt), sleep: noSleep },
    );
    expect(seen).toEqual([1]);
  });
});
