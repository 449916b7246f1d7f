import { DEFAULT_BACKOFF, backoffDelay, retry as retryWith, sleep, type BackoffOptions, type RetryOptions } from '@lib/common';
import { isTransientError } from './transient-error';

export { DEFAULT_BACKOFF, backoffDelay, sleep, type BackoffOptions, type RetryOptions };

/** RPC calls get this many retries unless the caller says otherwise. */
export const DEFAULT_RETRIES = 5;

/**
 * The common `retry` of `@lib/common` with the chain's defaults: DEFAULT_RETRIES retries
 * of the errors `isTransientError` accepts (the common classifier plus RPC rules).
 * `operation` gets the number of earlier failures (0 on the first call), as it always has.
 */
export async function retry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  return retryWith((attempt) => operation(attempt - 1), {
    ...options,
    retries: options.retries ?? DEFAULT_RETRIES,
    shouldRetry: options.shouldRetry ?? isTransientError,
  });
}
