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
