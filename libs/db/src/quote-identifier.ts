/**
 * Quotes a PostgreSQL identifier (table, column, database name). Always quoting keeps
 * the exact spelling: the production tables use camelCase ("PositionEvent",
 * "blockNumber"), which PostgreSQL would fold to lowercase unquoted.
 */
export function quoteIdent(name: string): string {
  if (name.length === 0) throw new Error('an SQL identifier cannot be empty');
  if (name.includes('\u0000')) throw new Error('an SQL identifier cannot contain a NUL character');
  return `"${name.replace(/"/g, '""')}"`;
}
