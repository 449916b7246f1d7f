/**
 * Small helpers on `postgres://user:password@host:port/database` URLs: which database a
 * URL names, the same server with another database, and a printable form.
 */

export function databaseNameOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`the database URL names no database: ${redactPassword(url)}`);
  return name;
}

/** The same server and credentials, another database (e.g. the `postgres` maintenance db). */
export function withDatabaseName(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** For messages and logs: never print a password. */
export function redactPassword(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable database URL>';
  }
}
