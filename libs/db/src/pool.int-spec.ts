import { createPool } from './pool';
import { createTestDatabase, type TestDatabase } from './test-database';

describe('createPool', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db?.drop());

  it('returns bigint and numeric as exact strings, never as rounded JS numbers', async () => {
    const pool = createPool({ databaseUrl: db.url });
    try {
      const { rows } = await pool.query(
        `SELECT 9007199254740993::bigint AS big, 1000.123456789012345678::numeric(38,18) AS exact, count(*) AS n, 7::int AS small`,
      );
      expect(rows).toEqual([{ big: '9007199254740993', exact: '1000.123456789012345678', n: '1', small: 7 }]);
    } finally {
      await pool.end();
    }
  });
});
