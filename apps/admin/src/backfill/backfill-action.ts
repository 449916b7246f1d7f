import { STEPS } from '@lib/pipeline';

export const BACKFILL_ACTIONS = ['start', 'stop', 'pause', 'resume', 'reset'] as const;
export type BackfillActionName = (typeof BACKFILL_ACTIONS)[number];

export interface BackfillAction {
  action: BackfillActionName;
  steps?: string[];
}

export class InvalidActionError extends Error {}

/** Validates a POST body; every refusal says exactly what is wrong. */
export function parseBackfillAction(body: unknown): BackfillAction {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidActionError('body must be a JSON object like {"action": "start"}');
  }
  const { action, steps, ...rest } = body as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0) throw new InvalidActionError(`unknown field(s): ${extra.join(', ')}; allowed: action, steps`);
  if (typeof action !== 'string' || !(BACKFILL_ACTIONS as readonly string[]).includes(action)) {
    throw new InvalidActionError(`"action" must be one of ${BACKFILL_ACTIONS.join(', ')}; got ${JSON.stringify(action ?? null)}`);
  }
  if (steps === undefined) return { action: action as BackfillActionName };
  if (!Array.isArray(steps) || steps.some((s) => typeof s !== 'string')) {
    throw new InvalidActionError('"steps" must be an array of step names');
  }
  if (steps.length === 0) throw new InvalidActionError('"steps" must name at least one step; leave it out for all steps');
  const known = new Set(STEPS.map((s) => s.name));
  const unknown = (steps as string[]).filter((s) => !known.has(s));
  if (unknown.length > 0) throw new InvalidActionError(`unknown step(s): ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
  return { action: action as BackfillActionName, steps: [...new Set(steps as string[])] };
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
