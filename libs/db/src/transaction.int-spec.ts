import { createPool } from './pool';
import { createTestDatabase, type TestDatabase } from './test-database';
import { withTransaction } from './transaction';

describe('withTransaction when the server ends the connection', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ migrate: false });
  });
  afterAll(() => db?.drop());

  it('fails the transaction instead of crashing the process, and the pool goes on with a new connection', async () => {
    const pool = createPool({ databaseUrl: db.url, max: 1 });
    try {
      await pool.query('CREATE TABLE t (id int PRIMARY KEY)');
      const outcome = withTransaction(pool, async (client) => {
        await client.query('INSERT INTO t VALUES (1)');
        const { rows } = await client.query('SELECT pg_backend_pid() AS pid');
        // As a database restart does: the server ends this session between two queries.
        await db.pool.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
        await new Promise((r) => setTimeout(r, 300));
        await client.query('INSERT INTO t VALUES (2)');
      });
      await expect(outcome).rejects.toThrow();
      const { rows } = await pool.query('SELECT count(*)::int AS n FROM t');
      expect(rows[0].n).toBe(0);
    } finally {
      await pool.end();
    }
  });
});
