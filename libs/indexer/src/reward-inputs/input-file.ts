/**
 * Input files → records (pure): JSON (an array of objects, or an object holding one
 * under `key`) or CSV with a header line. CSV fields may be double-quoted ("" escapes a quote).
 */
import { InputError, type InputRecord } from './input-record';

export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(current.trim());
      current = '';
    } else current += c;
  }
  if (quoted) throw new InputError('unterminated quote');
  fields.push(current.trim());
  return fields;
}

export function parseCsv(text: string): InputRecord[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  if (lines.length === 0) return [];
  const header = parseCsvLine(lines[0]);
  return lines.slice(1).map((line, i) => {
    const values = parseCsvLine(line);
    if (values.length !== header.length) throw new InputError(`CSV line ${i + 2}: ${values.length} fields, the header has ${header.length}`);
    return Object.fromEntries(header.map((name, j) => [name, values[j]]));
  });
}

/** The records of a JSON document: the array itself, or `document[key]`. */
export function jsonRecords(document: unknown, key: string): InputRecord[] {
  const list = Array.isArray(document) ? document : (document as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list)) throw new InputError(`expected a JSON array or an object with an array "${key}"`);
  list.forEach((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new InputError(`${key}[${i}] is not an object`);
  });
  return list as InputRecord[];
}

/** Records of a file's text, by its name: `.csv` is CSV, anything else JSON. */
export function parseInputFile(fileName: string, text: string, key: string): InputRecord[] {
  if (fileName.toLowerCase().endsWith('.csv')) return parseCsv(text);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${fileName}: not JSON (${(error as Error).message})`);
  }
  return jsonRecords(document, key);
}
