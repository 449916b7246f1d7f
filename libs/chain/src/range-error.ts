import { errorFacts, someMessage } from './error-facts';
import { isRateLimitError } from './transient-error';

/**
 * What RPCs answer to an `eth_getLogs` range that is too wide or returns too much, e.g.
 * Flare/coreth "requested too many blocks from 0 to 100, maximum is set to 30",
 * Infura -32005 "query returned more than 10000 results", Alchemy "Log response size exceeded",
 * QuickNode/Ankr "eth_getLogs is limited to a 10,000 range", viem "HTTP response body exceeded the size limit".
 */
const RANGE_MESSAGES = [
  /block range/i,
  /too many blocks/i,
  /range (is )?too (large|wide|big)/i,
  /query returned more than/i,
  /more than \d+ (results|logs)/i,
  /exceed/i,
  /limit/i,
  /maximum is set to/i,
];
const RANGE_CODES = new Set<number | string>([-32005]);

/** True when a smaller block range may succeed. Only meaningful for `eth_getLogs` errors ("limit" is broad on purpose). */
export function isRangeError(error: unknown): boolean {
  if (isRateLimitError(error)) return false;
  const facts = errorFacts(error);
  return facts.codes.some((code) => RANGE_CODES.has(code)) || someMessage(facts, RANGE_MESSAGES);
}

function toBlockCount(digits: string, thousands: string | undefined): number {
  const n = Number(digits.replace(/,/g, ''));
  return thousands ? n * 1000 : n;
}

/** The largest range the RPC says it accepts, when its message tells (so we jump there instead of halving blindly). */
export function rangeLimitHint(error: unknown): number | undefined {
  const facts = errorFacts(error);
  const patterns = [
    /maximum is set to (\d[\d,]*)/i,
    /up to a (\d[\d,]*)(k)? block range/i,
    /limited to (?:a )?(\d[\d,]*)(k)?(?: block)? range/i,
    /max(?:imum)?[ _-]?(?:block[ _-]?)?range(?: is| of)?[:=]?\s*(\d[\d,]*)(k)?/i,
    /block range (?:is )?(?:limited to|greater than|exceeds?(?: the)?(?: limit)?(?: of)?) (\d[\d,]*)(k)?/i,
  ];
  for (const message of facts.messages) {
    for (const pattern of patterns) {
      const match = pattern.exec(message);
      if (match) {
        const limit = toBlockCount(match[1], match[2]);
        if (Number.isInteger(limit) && limit > 0) return limit;
      }
    }
  }
  return undefined;
}
