import { tableChecksum, tableChecksums } from './table-checksum';
import { createTestDatabase, type TestDatabase } from './test-database';

/** Rows of a table with a camelCase name (quoted like the production tables) and a serial id. */
const ROWS: [string, number, string | null][] = [
  ['a', 1, 'x'],
  ['b', 2, null],
  ['c', 3, 'y'],
  ['d', 4, 'z'],
];

describe('tableChecksum', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db?.drop());

  /** A fresh table holding `rows`, inserted one by one in the order given. */
  async function tableOf(name: string, rows: readonly [string, number, string | null][]): Promise<string> {
    await db.pool.query(`CREATE TABLE "${name}" (serial_id serial, "keyName" text PRIMARY KEY, amount numeric, note text)`);
    for (const r of rows) await db.pool.query(`INSERT INTO "${name}" ("keyName", amount, note) VALUES ($1, $2, $3)`, r);
    return name;
  }

  it('is the same whatever order the rows were inserted in', async () => {
    const forward = await tableOf('Forward', ROWS);
    const backward = await tableOf('Backward', [...ROWS].reverse());
    // An update moves a row physically (a new tuple at the end of the heap).
    await db.pool.query(`UPDATE "Backward" SET note = note WHERE "keyName" = 'b'`);
    const columns = ['keyName', 'amount', 'note'];
    expect(await tableChecksum(db.pool, { table: forward, columns })).toBe(await tableChecksum(db.pool, { table: backward, columns }));
    // The serial ids differ between the two tables, and the whole rows with them.
    expect(await tableChecksum(db.pool, forward)).not.toBe(await tableChecksum(db.pool, backward));
  });

  it('changes when a value, a NULL or the number of rows changes', async () => {
    const t = await tableOf('Changing', ROWS);
    const before = await tableChecksum(db.pool, t);
    expect(before).toMatch(/^4:-?\d+$/);

    await db.pool.query(`UPDATE "Changing" SET amount = 5 WHERE "keyName" = 'c'`);
    const changed = await tableChecksum(db.pool, t);
    expect(changed).not.toBe(before);

    await db.pool.query(`UPDATE "Changing" SET note = '' WHERE "keyName" = 'b'`);
    expect(await tableChecksum(db.pool, t)).not.toBe(changed);

    // Back to the original values: back to the original checksum.
    await db.pool.query(`UPDATE "Changing" SET amount = 3 WHERE "keyName" = 'c'`);
    await db.pool.query(`UPDATE "Changing" SET note = NULL WHERE "keyName" = 'b'`);
    expect(await tableChecksum(db.pool, t)).toBe(before);

    await db.pool.query(`DELETE FROM "Changing" WHERE "keyName" = 'd'`);
    expect(await tableChecksum(db.pool, t)).toMatch(/^3:/);
  });

  it('tells two rows whose values are swapped from the original', async () => {
    const t = await tableOf('Swapped', ROWS);
    const columns = ['keyName', 'note'];
    const before = await tableChecksum(db.pool, { table: t, columns });
    await db.pool.query(`UPDATE "Swapped" SET note = CASE "keyName" WHEN 'a' THEN 'y' ELSE 'x' END WHERE "keyName" IN ('a', 'c')`);
    expect(await tableChecksum(db.pool, { table: t, columns })).not.toBe(before);
  });

  it('is 0:0 for an empty table, and names each target in tableChecksums', async () => {
    const empty = await tableOf('Empty', []);
    await tableOf('Named', ROWS);
    const sums = await tableChecksums(db.pool, [empty, { table: 'Named', columns: ['keyName', 'note'] }]);
    expect(Object.keys(sums)).toEqual(['Empty', 'Named(keyName, note)']);
    expect(sums.Empty).toBe('0:0');
    expect(sums['Named(keyName, note)']).toMatch(/^4:/);
  });
});
