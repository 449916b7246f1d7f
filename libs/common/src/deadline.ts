/** Raised when an awaited operation has not settled by its deadline. */
export class DeadlineExceededError extends Error {}

/**
 * `p`, or a DeadlineExceededError after `ms`: for awaits that can hang without failing
 * (a produce request to a broker that never answers), so the caller's retry path runs.
 * The operation itself is not cancelled; its late result or error is ignored.
 */
export function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(`${what}: no answer within ${ms} ms`)), ms);
  });
  p.catch(() => undefined); // a late failure after the deadline must not be unhandled
  return Promise.race([p, expired]).finally(() => clearTimeout(timer));
}
