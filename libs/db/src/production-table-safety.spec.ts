import { defaultMigrationsDir, listMigrationFiles, readMigrationSql } from './migration-files';
import { checkMigrationSql } from './production-table-safety';
import { PRODUCTION_TABLE_INDEXES } from './production-tables';

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('migrations and the production tables', () => {
  const files = listMigrationFiles(defaultMigrationsDir());
  const checked = files.map((f) => checkMigrationSql(f.name, readMigrationSql(f)));

  it('no migration alters a production table, adds a column or builds a blocking index on one', () => {
    expect(checked.flatMap((c) => c.violations)).toEqual([]);
  });

  it('build exactly the documented indexes, concurrently, as documented', () => {
    const built = checked.flatMap((c) => c.indexes);
    expect(
      built.map((i) => ({ name: i.name, table: i.table, migration: i.migration, columns: oneLine(i.columns), where: i.where && oneLine(i.where) })),
    ).toEqual(PRODUCTION_TABLE_INDEXES.map((i) => ({ name: i.name, table: i.table, migration: i.migration, columns: i.columns, where: i.where })));
  });
});

describe('checkMigrationSql', () => {
  const problems = (name: string, sql: string) => checkMigrationSql(name, sql).violations.map((v) => v.problem);

  it('flags ALTER TABLE, plain and unlisted indexes, writes and unguarded blocks on production tables', () => {
    expect(problems('0020_x', 'ALTER TABLE "PositionEvent" ADD COLUMN note text;')).toEqual(['ALTER of a production table or type']);
    expect(problems('0020_x', `ALTER TYPE "PositionEventType" ADD VALUE 'FLASH';`)).toEqual(['ALTER of a production table or type']);
    expect(problems('0020_x', 'CREATE INDEX IF NOT EXISTS lpe_pool_event_time ON "PoolEvent" (timestamp, "blockNumber");')).toEqual([
      'CREATE INDEX on a production table without CONCURRENTLY IF NOT EXISTS (blocks its writes while it builds)',
    ]);
    expect(problems('0020_x', 'CREATE INDEX CONCURRENTLY IF NOT EXISTS lpe_pool_event_time ON "PoolEvent" (timestamp, "blockNumber");')).toEqual([
      'CREATE INDEX CONCURRENTLY in a file that runs in a transaction (first line must be -- lpe:no-transaction)',
    ]);
    expect(problems('0020_x', '-- lpe:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS lpe_new ON "PoolEvent" (sender);')).toEqual([
      'index lpe_new is not in PRODUCTION_TABLE_INDEXES (libs/db/src/production-tables.ts) and docs/database.md',
    ]);
    expect(problems('0020_x', `UPDATE "Pool" SET "token0Symbol" = '' WHERE "token0Symbol" IS NULL;`)).toHaveLength(1);
    expect(problems('0020_x', `DO $$ BEGIN ALTER TABLE "Pool" ALTER COLUMN "updatedAt" SET DEFAULT now(); END $$;`)).toEqual([
      'a DO block naming a production table outside 0001',
    ]);
    expect(problems('0001_x', `DO $$ BEGIN ALTER TABLE "Pool" ALTER COLUMN "updatedAt" SET DEFAULT now(); END $$;`)).toEqual([
      `a DO block naming Pool without an IF to_regclass('"<Table>"') IS NULL guard`,
    ]);
    expect(
      problems(
        '0001_x',
        `DO $$ BEGIN IF to_regclass('"Pool"') IS NULL THEN CREATE TABLE "Pool" (a text); END IF; CREATE INDEX x ON "PoolEvent" (pool); END $$;`,
      ),
    ).toEqual(['the block guarded by "Pool" also touches PoolEvent']);
  });

  it("accepts our own tables, comments naming production tables and 0001's guarded creation", () => {
    expect(problems('0020_x', '-- ALTER TABLE "PositionEvent" would be wrong\nCREATE TABLE ours (id text);')).toEqual([]);
    expect(
      problems(
        '0001_x',
        `DO $$ BEGIN IF to_regclass('"PoolIncentive"') IS NULL THEN CREATE TABLE "PoolIncentive" (a text);
         ALTER TABLE "PoolIncentive" ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES "Pool" (address); END IF; END $$;`,
      ),
    ).toEqual([]);
  });
});
