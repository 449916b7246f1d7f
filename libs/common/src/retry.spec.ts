import { retry } from './retry';

const reset = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

/** A sleep that records the pauses instead of waiting. */
function pauses(): { sleep: (ms: number) => Promise<void>; taken: number[] } {
  const taken: number[] = [];
  return { taken, sleep: async (ms) => void taken.push(ms) };
}

/** Fails `failures` times with `error()`, then answers 'ok'. */
function flaky(failures: number, error: () => unknown = reset) {
  const calls: number[] = [];
  const operation = async (attempt: number) => {
    calls.push(attempt);
    if (calls.length <= failures) throw error();
    return 'ok';
  };
  return { calls, operation };
}

describe('retry', () => {
  it('retries transient failures with the default backoff, numbering attempts from 1', async () => {
    const { sleep, taken } = pauses();
    const { calls, operation } = flaky(3);
    await expect(retry(operation, { sleep, random: () => 0.5 })).resolves.toBe('ok');
    expect(calls).toEqual([1, 2, 3, 4]);
    expect(taken).toEqual([250, 500, 1000]); // DEFAULT_BACKOFF: 250 ms doubling
  });

  it('takes backoff fields and jitter from the options', async () => {
    const { sleep, taken } = pauses();
    const { operation } = flaky(4);
    await retry(operation, { sleep, random: () => 0, baseDelayMs: 100, factor: 3, maxDelayMs: 1000 });
    expect(taken).toEqual([50, 150, 450, 1000]); // ×0.5 jitter, capped at 1000
  });

  it('rethrows a failure the default classifier does not call transient, at once', async () => {
    const { sleep, taken } = pauses();
    const { calls, operation } = flaky(1, () => new Error('boom'));
    await expect(retry(operation, { sleep })).rejects.toThrow('boom');
    expect(calls).toEqual([1]);
    expect(taken).toEqual([]);
  });

  it('gives up after `retries` retries and rethrows the last error', async () => {
    const { sleep } = pauses();
    let n = 0;
    const operation = async () => {
      n++;
      throw Object.assign(new Error(`reset ${n}`), { code: 'ECONNRESET' });
    };
    await expect(retry(operation, { retries: 2, sleep })).rejects.toThrow('reset 3');
    expect(n).toBe(3);
    await expect(retry(operation, { retries: 0, sleep })).rejects.toThrow('reset 4');
    expect(n).toBe(4);
  });

  it('has no attempt limit unless given one', async () => {
    const { sleep, taken } = pauses();
    const { calls, operation } = flaky(40);
    await expect(retry(operation, { sleep })).resolves.toBe('ok');
    expect(calls).toHaveLength(41);
    expect(taken[39]).toBeLessThanOrEqual(15_000 * 1.5); // capped, never Infinity
  });

  it('asks shouldRetry with the failed attempt number and reports each retry', async () => {
    const { sleep } = pauses();
    const asked: [string, number][] = [];
    const reported: [string, number, number][] = [];
    let n = 0;
    const operation = async () => {
      n++;
      throw new Error(n < 3 ? 'again' : 'stop');
    };
    await expect(
      retry(operation, {
        sleep,
        random: () => 0.5,
        baseDelayMs: 10,
        shouldRetry: (error, attempt) => (asked.push([(error as Error).message, attempt]), (error as Error).message === 'again'),
        onRetry: (error, attempt, delayMs) => void reported.push([(error as Error).message, attempt, delayMs]),
      }),
    ).rejects.toThrow('stop');
    expect(asked).toEqual([
      ['again', 1],
      ['again', 2],
      ['stop', 3],
    ]);
    expect(reported).toEqual([
      ['again', 1, 10],
      ['again', 2, 20],
    ]);
  });

  it('does not ask shouldRetry once the retries are used up', async () => {
    const shouldRetry = jest.fn(() => true);
    await expect(retry(async () => Promise.reject(new Error('x')), { retries: 1, shouldRetry, sleep: pauses().sleep })).rejects.toThrow('x');
    expect(shouldRetry).toHaveBeenCalledTimes(1);
  });

  it('awaits onRetry before the pause, and the pause before the next attempt', async () => {
    const events: string[] = [];
    const { operation } = flaky(1);
    await retry(
      async (attempt) => {
        events.push(`attempt ${attempt}`);
        return operation(attempt);
      },
      {
        onRetry: async () => {
          await Promise.resolve();
          events.push('onRetry');
        },
        sleep: async (ms) => void events.push(`sleep ${ms}`),
        random: () => 0.5,
      },
    );
    expect(events).toEqual(['attempt 1', 'onRetry', 'sleep 250', 'attempt 2']);
  });

  it('calls beforeAttempt before every attempt; what it throws ends the retrying', async () => {
    const { sleep } = pauses();
    const seen: number[] = [];
    const stopped = new Error('stopped');
    const { calls, operation } = flaky(10);
    await expect(
      retry(operation, {
        sleep,
        beforeAttempt: (attempt) => {
          seen.push(attempt);
          if (attempt === 3) throw stopped;
        },
      }),
    ).rejects.toBe(stopped);
    expect(seen).toEqual([1, 2, 3]);
    expect(calls).toEqual([1, 2]);
  });

  it('takes the pause from delayMs when given', async () => {
    const { sleep, taken } = pauses();
    const { operation } = flaky(2);
    await retry(operation, { sleep, delayMs: (attempt, error) => attempt * 7 + ((error as { code?: string }).code === 'ECONNRESET' ? 1000 : 0) });
    expect(taken).toEqual([1007, 1014]);
  });
});
