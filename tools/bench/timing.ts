export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wall-clock milliseconds with sub-millisecond resolution (comparable across processes). */
export const now = () => performance.timeOrigin + performance.now();

/** Calls `probe` every `everyMs` until `done` accepts its value; errors of the probe are retried until the timeout. */
export async function poll<T>(probe: () => Promise<T>, done: (v: T) => boolean, what: string, timeoutMs: number, everyMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      if (done(last)) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 1000)} ${lastError ? String(lastError) : ''}`);
    await sleep(everyMs);
  }
}
