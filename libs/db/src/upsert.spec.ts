import { buildUnnestUpsert, buildUpsertStatements, type UpsertSpec } from './upsert';

interface Checkpoint {
  name: string;
  lastBlock: number | bigint | null;
  note: string | null;
}

const spec = (rows: Checkpoint[], over: Partial<UpsertSpec<Checkpoint>> = {}): UpsertSpec<Checkpoint> => ({
  table: 'Checkpoint',
  columns: ['name', 'lastBlock', 'note'],
  conflict: ['name'],
  update: 'all',
  rows,
  ...over,
});

const a = { name: 'a', lastBlock: 1, note: null };
const b = { name: 'b', lastBlock: 2, note: 'x' };

describe('buildUpsertStatements', () => {
  it('builds one multi-row INSERT ... ON CONFLICT DO UPDATE with quoted identifiers and placeholders', () => {
    expect(buildUpsertStatements(spec([a, b]))).toEqual([
      {
        text:
          'INSERT INTO "Checkpoint" AS target ("name", "lastBlock", "note") VALUES ($1, $2, $3), ($4, $5, $6)' +
          ' ON CONFLICT ("name") DO UPDATE SET "lastBlock" = EXCLUDED."lastBlock", "note" = EXCLUDED."note"' +
          ' WHERE (target."lastBlock", target."note") IS DISTINCT FROM (EXCLUDED."lastBlock", EXCLUDED."note")',
        values: ['a', 1, null, 'b', 2, 'x'],
      },
    ]);
  });

  it('updates only the listed columns', () => {
    const [statement] = buildUpsertStatements(spec([a], { update: ['note'] }));
    expect(statement.text).toMatch(
      /ON CONFLICT \("name"\) DO UPDATE SET "note" = EXCLUDED\."note" WHERE \(target\."note"\) IS DISTINCT FROM \(EXCLUDED\."note"\)$/,
    );
  });

  it('sets touch columns with the updated ones, but compares only the updated ones', () => {
    const [statement] = buildUpsertStatements(spec([a], { update: ['lastBlock'], touch: ['note'] }));
    expect(statement.text).toMatch(
      /DO UPDATE SET "lastBlock" = EXCLUDED\."lastBlock", "note" = EXCLUDED\."note" WHERE \(target\."lastBlock"\) IS DISTINCT FROM \(EXCLUDED\."lastBlock"\)$/,
    );
    expect(() => buildUpsertStatements(spec([a], { update: 'all', touch: ['note'] }))).toThrow('touch column "note" is also a key or update column');
    expect(() => buildUpsertStatements(spec([a], { update: 'nothing', touch: ['note'] }))).toThrow('touch columns without update columns');
  });

  it('does nothing on conflict for update "nothing", or when every column is part of the key', () => {
    expect(buildUpsertStatements(spec([a], { update: 'nothing' }))[0].text).toMatch(/ON CONFLICT \("name"\) DO NOTHING$/);
    const allKey = spec([a], { conflict: ['name', 'lastBlock', 'note'] });
    expect(buildUpsertStatements(allKey)[0].text).toMatch(/DO NOTHING$/);
  });

  it('escapes double quotes inside identifiers', () => {
    const [statement] = buildUpsertStatements(spec([a], { table: 'we"ird' }));
    expect(statement.text.startsWith('INSERT INTO "we""ird" AS target')).toBe(true);
  });

  it('splits a batch so that no statement exceeds the parameter limit, numbering from $1 in each', () => {
    const rows = ['a', 'b', 'c', 'd', 'e'].map((name, i) => ({ name, lastBlock: i, note: null }));
    const statements = buildUpsertStatements(spec(rows), 7); // 3 columns: 2 rows per statement
    expect(statements.map((s) => s.values.length)).toEqual([6, 6, 3]);
    expect(statements[2].text).toContain('VALUES ($1, $2, $3) ON CONFLICT');
    expect(statements.flatMap((s) => s.values)).toEqual(rows.flatMap((r) => [r.name, r.lastBlock, r.note]));
  });

  it('keeps the last row of each key, so a batch with duplicates stays one valid statement', () => {
    const newerA = { ...a, lastBlock: 9 };
    const [statement] = buildUpsertStatements(spec([a, b, newerA]));
    expect(statement.values).toEqual(['a', 9, null, 'b', 2, 'x']);
  });

  it('treats 5 and 5n as the same key value, and never merges rows whose key has a NULL', () => {
    const byBlock = (rows: Checkpoint[]) => spec(rows, { conflict: ['lastBlock'] });
    const merged = buildUpsertStatements(
      byBlock([
        { ...a, lastBlock: 5 },
        { ...b, lastBlock: 5n },
      ]),
    );
    expect(merged[0].values).toEqual(['b', 5n, 'x']);
    const nullKeys = buildUpsertStatements(
      byBlock([
        { ...a, lastBlock: null },
        { ...b, lastBlock: null },
      ]),
    );
    expect(nullKeys[0].values).toHaveLength(6);
  });

  it('returns no statement for no rows', () => {
    expect(buildUpsertStatements(spec([]))).toEqual([]);
  });

  it('refuses mistakes instead of writing something else', () => {
    expect(() => buildUpsertStatements(spec([{ name: 'a', note: null } as unknown as Checkpoint]))).toThrow(
      'upsert into Checkpoint: row 0 has no value for "lastBlock" (use null for NULL)',
    );
    expect(() => buildUpsertStatements(spec([a], { conflict: ['missing' as 'name'] }))).toThrow(/conflict column "missing"/);
    expect(() => buildUpsertStatements(spec([a], { conflict: [] }))).toThrow(/no conflict columns/);
    expect(() => buildUpsertStatements(spec([a], { update: ['name'] }))).toThrow(/part of the conflict key/);
    expect(() => buildUpsertStatements(spec([a], { update: ['other'] }))).toThrow(/"other" is not among the columns/);
    expect(() => buildUpsertStatements(spec([a], { columns: ['name', 'name'] }))).toThrow(/listed twice/);
  });
});

describe('buildUnnestUpsert', () => {
  const types = new Map([
    ['name', { type: 'text', array: false }],
    ['lastBlock', { type: 'bigint', array: false }],
    ['note', { type: 'character varying(20)', array: false }],
  ]);

  it('passes one array per column, cast to the column type, unnested in column order; one statement whatever the size', () => {
    const newerA = { ...a, lastBlock: 9 };
    expect(buildUnnestUpsert(spec([a, b, newerA]), types)).toEqual({
      text:
        'INSERT INTO "Checkpoint" AS target ("name", "lastBlock", "note") SELECT * FROM unnest($1::text[], $2::bigint[], $3::character varying(20)[])' +
        ' ON CONFLICT ("name") DO UPDATE SET "lastBlock" = EXCLUDED."lastBlock", "note" = EXCLUDED."note"' +
        ' WHERE (target."lastBlock", target."note") IS DISTINCT FROM (EXCLUDED."lastBlock", EXCLUDED."note")',
      values: [
        ['a', 'b'],
        [9, 2],
        [null, 'x'],
      ], // duplicates: the last row of a key
    });
  });

  it('writes the rows in key order, whatever order they came in', () => {
    const c = { name: 'c', lastBlock: 3, note: null };
    expect(buildUnnestUpsert(spec([c, a, b]), types).values[0]).toEqual(['a', 'b', 'c']);
  });

  it('refuses a column whose type is unknown or an array (the VALUES form writes those)', () => {
    expect(() => buildUnnestUpsert(spec([a]), new Map([...types].slice(0, 2)))).toThrow(/no scalar type known for column "note"/);
    expect(() => buildUnnestUpsert(spec([a]), new Map([...types, ['note', { type: 'text[]', array: true }]]))).toThrow(/"note"/);
  });
});
