/**
 * Splits a SQL script into its statements, as PostgreSQL would: a `;` ends a statement
 * unless it is inside a '...' string, a "..." identifier, a $tag$...$tag$ body (DO blocks,
 * functions) or a comment. Comments are dropped; each statement comes back trimmed,
 * without its `;`.
 *
 * Used by the migration runner for files that run outside a transaction (a multi-statement
 * query is one implicit transaction in PostgreSQL, where CREATE INDEX CONCURRENTLY is
 * refused), and by the unit test that reads every migration for statements touching a
 * production table.
 */
export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  const flush = () => {
    const text = current.trim();
    if (text) statements.push(text);
    current = '';
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
      current += '\n';
      continue;
    }
    if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end === -1) throw new Error('unterminated /* comment in SQL');
      i = end + 2;
      current += ' ';
      continue;
    }
    if (c === "'" || c === '"') {
      // A doubled quote inside is an escaped one; the scan simply continues past it.
      let end = i + 1;
      for (;;) {
        end = sql.indexOf(c, end);
        if (end === -1) throw new Error(`unterminated ${c === "'" ? 'string' : 'quoted identifier'} in SQL`);
        if (sql[end + 1] === c) end += 2;
        else break;
      }
      current += sql.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      // `$1` (a parameter) is no dollar quote; `$$` and `$tag$` are.
      if (tag && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? ' ')) {
        const end = sql.indexOf(tag[0], i + tag[0].length);
        if (end === -1) throw new Error(`unterminated ${tag[0]} body in SQL`);
        current += sql.slice(i, end + tag[0].length);
        i = end + tag[0].length;
        continue;
      }
    }
    if (c === ';') {
      flush();
      i++;
      continue;
    }
    current += c;
    i++;
  }
  flush();
  return statements;
}
