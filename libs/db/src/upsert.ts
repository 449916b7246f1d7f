/**
 * THE upsert of the project: every result is written through `upsertRows`, as one
 * multi-row `INSERT ... ON CONFLICT (natural key) DO UPDATE` per batch (DESIGN.md §4): the
 * rows as one array per column through `unnest` (the column types read once from the
 * catalog), or as a VALUES list when a column is itself an array.
 * Writing the same rows again leaves the table exactly as it was, so a batch replayed
 * after a crash or a rebalance is harmless.
 */
import { quoteIdent } from './quote-identifier';

/** PostgreSQL's limit on parameters in one statement (the wire protocol counts them in 16 bits). */
export const MAX_QUERY_PARAMETERS = 65535;

/**
 * What to do with an existing row whose conflict key matches:
 * - `'all'`: overwrite every column that is not part of the key;
 * - a list of columns: overwrite only those (e.g. leave a "createdAt" alone);
 * - `'nothing'`: keep the existing row (insert-if-absent).
 */
export type UpsertUpdate = 'all' | 'nothing' | readonly string[];

export interface UpsertSpec<Row extends object> {
  /** Table name exactly as spelled in the database, e.g. `PositionEvent` or `replay_run`. */
  table: string;
  /**
   * The columns to write; each row supplies a value for every one (`null` for NULL).
   * Values go through pg's conversion: bigint and Date are fine; for a jsonb column pass
   * an object, or JSON.stringify an array (pg would send a JS array as a SQL array).
   */
  columns: readonly (keyof Row & string)[];
  /** The natural key: columns of a unique constraint or unique index of the table. */
  conflict: readonly (keyof Row & string)[];
  update: UpsertUpdate;
  /**
   * Columns (among `columns`, not in the key or `update`) written on insert and, on
   * conflict, only when an `update` column actually changed — never compared themselves:
   * Prisma's `@updatedAt` ("updatedAt" of "Pool" and "PoolIncentive", which has no
   * default). A replay of identical rows then still changes nothing.
   */
  touch?: readonly (keyof Row & string)[];
  rows: readonly Row[];
}

export interface SqlStatement {
  text: string;
  values: unknown[];
}

/** A pg Pool or PoolClient (pass a client to run inside your transaction). */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rowCount: number | null; rows?: unknown[] }>;
}

/**
 * Writes the rows; returns how many were inserted or actually changed (rows already
 * identical are not rewritten, so a replay returns 0). Several statements are run when
 * the batch exceeds the parameter limit; they are not wrapped in a transaction here —
 * pass a client inside your own transaction if the batch must be all-or-nothing (a
 * retried partial batch is harmless, since every statement is idempotent).
 */
export async function upsertRows<Row extends object>(db: Queryable, spec: UpsertSpec<Row>): Promise<number> {
  if (spec.rows.length === 0) return 0;
  const types = await columnTypesOf(db, spec.table);
  // One array per column: a fifth of the parameters' parsing and planning of a VALUES list.
  const statements = spec.columns.every((c) => types.get(c)?.array === false) ? [buildUnnestUpsert(spec, types)] : buildUpsertStatements(spec);
  let written = 0;
  for (const statement of statements) {
    const result = await db.query(statement.text, statement.values);
    written += result.rowCount ?? 0;
  }
  return written;
}

/** The SQL `upsertRows` runs, one statement per chunk of rows (exported for unit tests). */
export function buildUpsertStatements<Row extends object>(spec: UpsertSpec<Row>, maxParameters: number = MAX_QUERY_PARAMETERS): SqlStatement[] {
  const { columns } = spec;
  const updateColumns = columnsToUpdate(spec);
  const touchColumns = columnsToTouch(spec, updateColumns);
  if (columns.length > maxParameters) throw new Error(`upsert into ${spec.table}: more columns than the ${maxParameters}-parameter limit`);
  const rows = [...lastRowPerKey(spec).values()];
  const rowsPerStatement = Math.floor(maxParameters / columns.length);

  const head = `INSERT INTO ${quoteIdent(spec.table)} AS target (${columns.map(quoteIdent).join(', ')}) VALUES `;
  const tail = ` ON CONFLICT (${spec.conflict.map(quoteIdent).join(', ')}) ${conflictAction(updateColumns, touchColumns)}`;

  const statements: SqlStatement[] = [];
  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const chunk = rows.slice(start, start + rowsPerStatement);
    const values: unknown[] = [];
    const tuples = chunk.map((row, i) => {
      const placeholders = columns.map((column) => {
        values.push(valueOf(spec.table, row, column, start + i));
        return `$${values.length}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    statements.push({ text: head + tuples.join(', ') + tail, values });
  }
  return statements;
}

/** A table's column types as the catalog spells them (`numeric(78,0)`, `"PositionEventType"`), and whether each is an array. */
export type ColumnTypes = ReadonlyMap<string, { type: string; array: boolean }>;

/**
 * The same upsert with the rows as one array parameter per column, `unnest`ed in column
 * order (exported for unit tests). Arrays have no parameter limit: always one statement.
 * Rows go in key order: concurrent batches writing some of the same keys (rows as of a
 * run's end, written by every partition) then lock them in one order and never deadlock.
 */
export function buildUnnestUpsert<Row extends object>(spec: UpsertSpec<Row>, types: ColumnTypes): SqlStatement {
  const { columns } = spec;
  const updateColumns = columnsToUpdate(spec);
  const touchColumns = columnsToTouch(spec, updateColumns);
  const rows = [...lastRowPerKey(spec).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  const arrays = columns.map((column) => {
    const t = types.get(column);
    if (!t || t.array) throw new Error(`upsert into ${spec.table}: no scalar type known for column "${column}"`);
    return `$${columns.indexOf(column) + 1}::${t.type}[]`;
  });
  const text =
    `INSERT INTO ${quoteIdent(spec.table)} AS target (${columns.map(quoteIdent).join(', ')}) SELECT * FROM unnest(${arrays.join(', ')})` +
    ` ON CONFLICT (${spec.conflict.map(quoteIdent).join(', ')}) ${conflictAction(updateColumns, touchColumns)}`;
  return { text, values: columns.map((column) => rows.map((row, i) => valueOf(spec.table, row, column, i))) };
}

/**
 * Column types per connection (a pool, or a pooled client, which pg reuses) and table,
 * read from the catalog on first use: another database's table of the same name is
 * another connection's lookup.
 */
const typesByConnection = new WeakMap<Queryable, Map<string, Promise<ColumnTypes>>>();

function columnTypesOf(db: Queryable, table: string): Promise<ColumnTypes> {
  let tables = typesByConnection.get(db);
  if (!tables) typesByConnection.set(db, (tables = new Map()));
  let types = tables.get(table);
  if (!types) {
    types = db
      .query(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, t.typcategory = 'A' AS array
           FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
          WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped`,
        [quoteIdent(table)],
      )
      .then(({ rows }) => new Map((rows as { name: string; type: string; array: boolean }[]).map((r) => [r.name, { type: r.type, array: r.array }])));
    const pending = types;
    tables.set(table, pending);
    // A failed lookup (connection lost) is not an answer: the next call asks again.
    pending.catch(() => {
      if (tables!.get(table) === pending) tables!.delete(table);
    });
  }
  return types;
}

/** Validates the spec and resolves `update` to the list of columns to overwrite. */
function columnsToUpdate<Row extends object>(spec: UpsertSpec<Row>): readonly string[] {
  const { table, columns, conflict, update } = spec;
  const where = `upsert into ${table}`;
  if (columns.length === 0) throw new Error(`${where}: no columns`);
  if (new Set(columns).size !== columns.length) throw new Error(`${where}: a column is listed twice`);
  if (conflict.length === 0) throw new Error(`${where}: no conflict columns (the natural key)`);
  for (const c of conflict) if (!columns.includes(c)) throw new Error(`${where}: conflict column "${c}" is not among the columns`);

  if (update === 'nothing') return [];
  const nonKey = columns.filter((c) => !conflict.includes(c));
  if (update === 'all') return nonKey;
  for (const c of update) {
    if (!columns.includes(c as keyof Row & string)) throw new Error(`${where}: update column "${c}" is not among the columns`);
    if (conflict.includes(c as keyof Row & string)) throw new Error(`${where}: update column "${c}" is part of the conflict key`);
  }
  return update;
}

/** Validates `touch`: columns written, outside the key and `update`, with something to update. */
function columnsToTouch<Row extends object>(spec: UpsertSpec<Row>, updateColumns: readonly string[]): readonly string[] {
  const touch = spec.touch ?? [];
  const where = `upsert into ${spec.table}`;
  for (const c of touch) {
    if (!spec.columns.includes(c)) throw new Error(`${where}: touch column "${c}" is not among the columns`);
    if (spec.conflict.includes(c) || updateColumns.includes(c)) throw new Error(`${where}: touch column "${c}" is also a key or update column`);
  }
  if (touch.length > 0 && updateColumns.length === 0) throw new Error(`${where}: touch columns without update columns would never be set on conflict`);
  return touch;
}

/**
 * `WHERE ... IS DISTINCT FROM ...` skips rows that would not change: a replay then
 * writes no new row versions (no table bloat) and the returned count means "changed".
 * (It needs an equality operator for every updated column: use jsonb, not json.)
 */
function conflictAction(updateColumns: readonly string[], touchColumns: readonly string[] = []): string {
  if (updateColumns.length === 0) return 'DO NOTHING';
  const set = [...updateColumns, ...touchColumns].map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`).join(', ');
  const current = updateColumns.map((c) => `target.${quoteIdent(c)}`).join(', ');
  const incoming = updateColumns.map((c) => `EXCLUDED.${quoteIdent(c)}`).join(', ');
  return `DO UPDATE SET ${set} WHERE (${current}) IS DISTINCT FROM (${incoming})`;
}

/**
 * PostgreSQL refuses a statement that updates the same row twice, which a batch with a
 * duplicate key would do (at-least-once delivery produces such batches). Keep one row
 * per key, the last one given, at the position of the first.
 * Rows with a NULL in the key never conflict in PostgreSQL, so they are all kept.
 */
function lastRowPerKey<Row extends object>(spec: UpsertSpec<Row>): Map<string, Row> {
  const byKey = new Map<string, Row>(); // a Map keeps first-insertion order
  spec.rows.forEach((row, index) => {
    const keyValues = spec.conflict.map((c) => valueOf(spec.table, row, c, index));
    const key = keyValues.some((v) => v === null) ? `keyless row ${index}` : keyValues.map(keyPart).join('\u0000');
    byKey.set(key, row);
  });
  return byKey;
}

function keyPart(value: unknown): string {
  if (value instanceof Date) return `date:${value.toISOString()}`;
  if (Buffer.isBuffer(value)) return `bytes:${value.toString('hex')}`;
  if (typeof value === 'object') return `json:${JSON.stringify(value)}`;
  // Numbers and bigints share a prefix: 5 and 5n are the same key value to PostgreSQL.
  const kind = typeof value === 'bigint' ? 'number' : typeof value;
  return `${kind}:${String(value)}`;
}

/** A row's value for a column; a missing property is a bug in the caller, not a NULL. */
function valueOf(table: string, row: object, column: string, index: number): unknown {
  const value = (row as Record<string, unknown>)[column];
  if (value === undefined) throw new Error(`upsert into ${table}: row ${index} has no value for "${column}" (use null for NULL)`);
  return value;
}
