import { splitSqlStatements } from './sql-statements';

describe('splitSqlStatements', () => {
  it('splits on semicolons and drops comments and empty statements', () => {
    expect(splitSqlStatements('-- a comment; not a statement\nSELECT 1;\n/* b; */ SELECT 2 ;;\n  ')).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('keeps semicolons inside strings, quoted identifiers and dollar-quoted bodies', () => {
    const sql = `INSERT INTO t VALUES ('a;b', 'it''s; fine');
CREATE TABLE "odd;name" (x int);
DO $$ BEGIN IF true THEN PERFORM 1; END IF; END $$;
DO $body$ BEGIN RAISE NOTICE '$$;'; END $body$;
SELECT $1::text`;
    expect(splitSqlStatements(sql)).toEqual([
      `INSERT INTO t VALUES ('a;b', 'it''s; fine')`,
      `CREATE TABLE "odd;name" (x int)`,
      `DO $$ BEGIN IF true THEN PERFORM 1; END IF; END $$`,
      `DO $body$ BEGIN RAISE NOTICE '$$;'; END $body$`,
      'SELECT $1::text',
    ]);
  });

  it('refuses an unterminated string or body rather than guessing', () => {
    expect(() => splitSqlStatements(`SELECT 'open;`)).toThrow('unterminated string');
    expect(() => splitSqlStatements('DO $$ BEGIN END;')).toThrow('unterminated $$ body');
  });
});
