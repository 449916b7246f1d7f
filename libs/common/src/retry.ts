import { DEFAULT_BACKOFF, backoffDelay, sleep, type BackoffOptions } from './backoff';
import { isTransient } from './error-class';

/** How `retry` goes on after a failure. Backoff fields left out are DEFAULT_BACKOFF's. */
export interface RetryOptions extends Partial<BackoffOptions> {
  /** Retries after the first attempt (0 = try once); no limit when left out. */
  retries?: number;
  /**
   * Which failures get another attempt (`attempt`: the number of the attempt that failed,
   * 1-based). Default: the transient ones (`classifyError`).
   */
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Called before each pause, e.g. to log or to drop a broken client. Awaited. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => unknown;
  /**
   * Called before every attempt, the first one included (`attempt` 1-based). It ends the
   * retrying by throwing: the error it throws is what `retry` rejects with (a consumer
   * that stops, a partition lost in a rebalance).
   */
  beforeAttempt?: (attempt: number) => void;
  /** The pause before retry `attempt`, instead of `backoffDelay(attempt, backoff, random())`. */
  delayMs?: (attempt: number, error: unknown) => number;
  /** In [0, 1): spreads retries of many callers apart. Defaults to Math.random; pass `() => 0.5` for a fixed delay. */
  random?: () => number;
  /** The pause itself (tests pass one that does not wait; the batch processor heartbeats after it). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The one retry loop of the project: runs `operation` (with its attempt number, 1-based)
 * until it succeeds; a failure that `shouldRetry` accepts, within `retries`, is followed by
 * `onRetry`, a backoff pause and the next attempt; any other failure is rethrown as is.
 */
export async function retry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? Infinity;
  const shouldRetry = options.shouldRetry ?? isTransient;
  const backoff: BackoffOptions = {
    baseDelayMs: options.baseDelayMs ?? DEFAULT_BACKOFF.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs,
    factor: options.factor ?? DEFAULT_BACKOFF.factor,
  };
  const random = options.random ?? Math.random;
  const pause = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    options.beforeAttempt?.(attempt);
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt > retries || !shouldRetry(error, attempt)) throw error;
      const delayMs = options.delayMs ? options.delayMs(attempt, error) : backoffDelay(attempt, backoff, random());
      await options.onRetry?.(error, attempt, delayMs);
      await pause(delayMs);
    }
  }
}
