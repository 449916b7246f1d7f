import { errorFacts, someMessage } from './error-facts';

const TRANSIENT_STATUSES = new Set([408, 425, 429, 500, 502, 503, 504]);
const TRANSIENT_CODES = new Set<number | string>([
  429, // some providers put the HTTP status in the JSON-RPC error
  -32603, // internal error: usually a node hiccup
  'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT',
]);
const TRANSIENT_NAMES = new Set(['TimeoutError', 'AbortError']);
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

/** Rate limits are transient, and must never be mistaken for "range too large" (both say "limit"). */
export function isRateLimitError(error: unknown): boolean {
  const facts = errorFacts(error);
  return facts.statuses.includes(429) || facts.codes.includes(429) || someMessage(facts, [/rate.?limit/i, /too many requests/i]);
}

/** An error worth retrying unchanged after a pause: timeouts, 429, 5xx, dropped connections. */
export function isTransientError(error: unknown): boolean {
  const facts = errorFacts(error);
  return (
    facts.statuses.some((status) => TRANSIENT_STATUSES.has(status)) ||
    facts.codes.some((code) => TRANSIENT_CODES.has(code)) ||
    facts.names.some((name) => TRANSIENT_NAMES.has(name)) ||
    someMessage(facts, TRANSIENT_MESSAGES)
  );
}
