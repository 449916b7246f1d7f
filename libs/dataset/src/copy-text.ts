/**
 * One row in PostgreSQL's COPY text format: tab-separated, `\N` for NULL, backslash escapes
 * for the characters that would end a field or a line. Deterministic: the same row always
 * gives the same bytes (objects are JSON with their keys in insertion order).
 */
export function copyTextLine(row: object, columns: readonly string[]): string {
  const values = row as Record<string, unknown>;
  let line = '';
  for (let i = 0; i < columns.length; i++) {
    if (i > 0) line += '\t';
    line += copyTextField(values[columns[i]!]);
  }
  return `${line}\n`;
}

export function copyTextField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  switch (typeof value) {
    case 'string':
      return escape(value);
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
      return String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 't' : 'f';
    case 'object':
      return escape(JSON.stringify(value));
    default:
      throw new TypeError(`cannot write a ${typeof value} to COPY`);
  }
}

function escape(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : text;
}
