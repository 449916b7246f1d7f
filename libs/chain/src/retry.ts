import { DEFAULT_BACKOFF, backoffDelay, sleep, type BackoffOptions } from '@lib/common';
import { isTransientError } from './transient-error';

export { DEFAULT_BACKOFF, backoffDelay, sleep, type BackoffOptions };

export interface RetryOptions extends Partial<BackoffOptions> {
  /** Retries after the first attempt (0 = try once). */
  retries?: number;
  /** Which errors are worth another attempt; transient network/RPC errors by default. */
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Called before each pause, e.g. to log. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** In [0, 1): spreads retries of many callers apart. Defaults to Math.random; pass `() => 0.5` for a fixed delay. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRIES = 5;

/** Runs `operation` until it succeeds, retrying errors `shouldRetry` accepts with exponential backoff. */
export async function retry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retries = options.retries ?? DEFAULT_RETRIES;
  const shouldRetry = options.shouldRetry ?? isTransientError;
  const backoff: BackoffOptions = {
    baseDelayMs: options.baseDelayMs ?? DEFAULT_BACKOFF.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_BACKOFF.maxDelayMs,
    factor: options.factor ?? DEFAULT_BACKOFF.factor,
  };
  const random = options.random ?? Math.random;
  const pause = options.sleep ?? sleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= retries || !shouldRetry(error, attempt + 1)) throw error;
      const delayMs = backoffDelay(attempt + 1, backoff, random());
      options.onRetry?.(error, attempt + 1, delayMs);
      await pause(delayMs);
    }
  }
}
