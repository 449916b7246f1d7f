import { BadRequestException, PayloadTooLargeException, type HttpException } from '@nestjs/common';

/** The largest request body the admin app reads (JSON or form): an action is a few dozen bytes. */
export const ADMIN_BODY_LIMIT_BYTES = 16 * 1024;

/**
 * Why a request body could not be read, when `err` is an error of Express's body parsers:
 * a 4xx marked with a `type` (too large, an unsupported charset or encoding) or as safe to
 * show (`expose`, e.g. a gzip body that does not inflate); undefined for any other error.
 */
export function unreadableBodyReason(err: unknown): string | undefined {
  const e = err as { type?: unknown; expose?: unknown; status?: unknown; statusCode?: unknown; message?: unknown };
  if ((typeof e?.type !== 'string' && e?.expose !== true) || typeof e.message !== 'string') return undefined;
  const status = Number(e.status ?? e.statusCode);
  if (!(status >= 400 && status < 500)) return undefined;
  return `request body not accepted: ${e.message}`;
}

/**
 * The answer to a body the parsers refused: 413 for one over the limit (the body
 * parsers' `entity.too.large`), naming the limit; 400 with the reason for any other
 * unreadable body; undefined when `err` is not a body parser's refusal.
 */
export function unreadableBodyException(err: unknown, limitBytes = ADMIN_BODY_LIMIT_BYTES): HttpException | undefined {
  const reason = unreadableBodyReason(err);
  if (!reason) return undefined;
  if ((err as { type?: unknown }).type === 'entity.too.large')
    return new PayloadTooLargeException(`request body not accepted: larger than the ${limitBytes / 1024} KiB limit of the admin API`);
  return new BadRequestException(reason);
}
