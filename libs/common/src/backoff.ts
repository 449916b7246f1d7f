/** Exponential backoff with a ceiling and jitter, as a pure function of the attempt (1-based). */
export function backoffDelay(attempt: number, opts: { baseMs?: number; maxMs?: number; jitter?: number } = {}, random = Math.random): number {
  const base = opts.baseMs ?? 200;
  const max = opts.maxMs ?? 10_000;
  const jitter = opts.jitter ?? 0.2;
  const raw = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (1 - jitter + 2 * jitter * random()));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
