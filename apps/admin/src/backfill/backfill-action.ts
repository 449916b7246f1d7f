import { STEPS } from '@lib/pipeline';

export const BACKFILL_ACTIONS = ['start', 'stop', 'pause', 'resume', 'reset'] as const;
export type BackfillActionName = (typeof BACKFILL_ACTIONS)[number];

export interface BackfillAction {
  action: BackfillActionName;
  steps?: string[];
  /** start only: the run's as-of time, epoch seconds (default: the block time of the newest source block). */
  asOf?: number;
}

/** The latest as-of time accepted: far enough for any chain, before JavaScript dates and bigint columns run out. */
export const MAX_AS_OF = 253_402_300_799; // 9999-12-31T23:59:59Z

export class InvalidActionError extends Error {}

/** Validates a POST body; every refusal says exactly what is wrong. */
export function parseBackfillAction(body: unknown): BackfillAction {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidActionError('body must be a JSON object like {"action": "start"}');
  }
  const { action, steps, asOf, ...rest } = body as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) throw new InvalidActionError(`unknown field(s): ${extra.join(', ')}; allowed: action, steps, asOf`);
  if (typeof action !== 'string' || !(BACKFILL_ACTIONS as readonly string[]).includes(action)) {
    throw new InvalidActionError(`"action" must be one of ${BACKFILL_ACTIONS.join(', ')}; got ${JSON.stringify(action ?? null)}`);
  }
  const parsedAsOf = parseAsOf(action, asOf);
  const withAsOf = parsedAsOf === undefined ? {} : { asOf: parsedAsOf };
  if (steps === undefined) return { action: action as BackfillActionName, ...withAsOf };
  if (!Array.isArray(steps) || steps.some((s) => typeof s !== 'string')) {
    throw new InvalidActionError('"steps" must be an array of step names');
  }
  if (steps.length === 0) throw new InvalidActionError('"steps" must name at least one step; leave it out for all steps');
  const known = new Set(STEPS.map((s) => s.name));
  const unknown = (steps as string[]).filter((s) => !known.has(s));
  if (unknown.length > 0) throw new InvalidActionError(`unknown step(s): ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
  return { action: action as BackfillActionName, steps: [...new Set(steps as string[])], ...withAsOf };
}

function parseAsOf(action: string, asOf: unknown): number | undefined {
  if (asOf === undefined) return undefined;
  if (action !== 'start') throw new InvalidActionError(`"asOf" is only for "start"; got it with "${action}"`);
  if (typeof asOf !== 'number' || !Number.isSafeInteger(asOf) || asOf <= 0 || asOf > MAX_AS_OF) {
    throw new InvalidActionError(`"asOf" must be a positive whole number of epoch seconds up to ${MAX_AS_OF}; got ${JSON.stringify(asOf)}`);
  }
  return asOf;
}

/**
 * The API reads JSON only: a form body (which Express would parse too) or text is refused
 * rather than guessed at. Parameters such as `charset=utf-8` are fine.
 */
export function requireJsonContentType(contentType: string | undefined): void {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new InvalidActionError(`Content-Type must be application/json; got ${contentType ? JSON.stringify(contentType) : 'none'}`);
  }
}
