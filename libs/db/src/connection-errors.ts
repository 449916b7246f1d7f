/**
 * Recognises "the PostgreSQL server is not there" (as opposed to a bad query), so that
 * commands can say how to start it instead of printing a stack trace.
 */

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN']);

/** The command that starts the machine's PostgreSQL 15 cluster (no systemd here). */
export const START_POSTGRES_HINT = 'pg_ctlcluster --skip-systemctl-redirect 15 main start';

export function isServerUnreachable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const { code, errors } = err as { code?: unknown; errors?: unknown };
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
  // Node tries every address of a host name and reports an AggregateError of them all.
  return Array.isArray(errors) && errors.some(isServerUnreachable);
}

/** True for PostgreSQL's "the server is starting up / shutting down" refusals (SQLSTATE 57P03). */
export function isServerNotReady(err: unknown): boolean {
  return !!err && typeof err === 'object' && (err as { code?: unknown }).code === '57P03';
}
