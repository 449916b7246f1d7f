import { classifyError, isTransient, type ErrorClass } from '@lib/common';
import { errorFacts, someMessage } from './error-facts';

/**
 * The RPC rules on top of the common classifier (`classifyError` of `@lib/common`, which
 * already knows dropped connections, HTTP 408/425/429/500/502/503/504 and TimeoutError):
 * JSON-RPC codes, and the texts RPC providers answer with, which have no code of their own.
 */
const TRANSIENT_RPC_CODES = new Set<number | string>([
  429, // some providers put the HTTP status in the JSON-RPC error
  -32603, // internal error: usually a node hiccup
]);
const TRANSIENT_NAMES = new Set(['AbortError']); // viem aborts a request at its own timeout
const TRANSIENT_MESSAGES = [
  /rate.?limit/i,
  /too many requests/i,
  /timed? ?out/i,
  /took too long/i,
  /socket hang up/i,
  /fetch failed/i,
  /network error/i,
  /service unavailable/i,
  /bad gateway/i,
  /temporarily/i,
  /try again/i,
];
/** JSON-RPC codes the same request gets again: execution reverted, invalid request, method not found, invalid params. */
const DETERMINISTIC_RPC_CODES = new Set<number | string>([3, -32600, -32601, -32602]);

/** Rate limits are transient, and must never be mistaken for "range too large" (both say "limit"). */
export function isRateLimitError(error: unknown): boolean {
  const facts = errorFacts(error);
  return facts.statuses.includes(429) || facts.codes.includes(429) || someMessage(facts, [/rate.?limit/i, /too many requests/i]);
}

/** An error worth retrying unchanged after a pause: timeouts, 429, 5xx, dropped connections. */
export function isTransientError(error: unknown): boolean {
  if (isTransient(error)) return true;
  const facts = errorFacts(error);
  return (
    facts.codes.some((code) => TRANSIENT_RPC_CODES.has(code)) || facts.names.some((name) => TRANSIENT_NAMES.has(name)) || someMessage(facts, TRANSIENT_MESSAGES)
  );
}

/** `classifyError` for chain reads: transient as `isTransientError`; a revert or a malformed request is deterministic. */
export function classifyChainError(error: unknown): ErrorClass {
  if (isTransientError(error)) return 'transient';
  if (errorFacts(error).codes.some((code) => DETERMINISTIC_RPC_CODES.has(code))) return 'deterministic';
  return classifyError(error);
}
