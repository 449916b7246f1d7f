/** Exponential backoff: the one delay rule for every retry in the project (RPC, database, broker). */
export interface BackoffOptions {
  /** Delay before the first retry. */
  baseDelayMs: number;
  /** Upper bound of any delay. */
  maxDelayMs: number;
  /** Growth per attempt (2 = doubling). */
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseDelayMs: 250, maxDelayMs: 15_000, factor: 2 };

/** Delay before retry number `attempt` (1-based): exponential, capped, with ±50% jitter from `random` in [0, 1). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random = 0.5): number {
  const exponential = options.baseDelayMs * options.factor ** Math.max(0, attempt - 1);
  const jittered = exponential * (0.5 + random);
  return Math.round(Math.min(options.maxDelayMs, jittered));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
