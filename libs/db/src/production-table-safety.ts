/**
 * What a migration may do to a production table (docs/database.md): nothing, except
 * - in 0001, create it (with its keys, indexes and foreign key) inside a DO block guarded by
 *   `IF to_regclass('"<Table>"') IS NULL` (or `to_regtype` for the enum), and
 * - build one of PRODUCTION_TABLE_INDEXES with `CREATE INDEX CONCURRENTLY IF NOT EXISTS` in
 *   a `-- lpe:no-transaction` file.
 * Any other statement naming a production table or type — ALTER, DROP, a plain CREATE
 * INDEX, a trigger, an insert — is a violation. Pure, over the SQL text; used by the unit
 * test over every file in migrations/.
 */
import { isNoTransactionMigration } from './migration-files';
import { PRODUCTION_TABLES, PRODUCTION_TABLE_INDEXES, PRODUCTION_TYPES } from './production-tables';
import { splitSqlStatements } from './sql-statements';

const PRODUCTION_NAMES: readonly string[] = [...PRODUCTION_TABLES, ...PRODUCTION_TYPES];
const QUOTED_NAME = /"([A-Za-z_][A-Za-z0-9_]*)"/g;
const CONCURRENT_INDEX = /^CREATE\s+INDEX\s+CONCURRENTLY\s+IF\s+NOT\s+EXISTS\s+([a-z0-9_]+)\s+ON\s+"([A-Za-z]+)"\s*(\(.*?\))(?:\s+WHERE\s+(.*))?$/is;
const DO_BLOCK = /^DO\s+(\$[A-Za-z0-9_]*\$)([\s\S]*)\1$/i;
const GUARD = /^\s*BEGIN\s+IF\s+to_reg(?:class|type)\('"([A-Za-z]+)"'\)\s+IS\s+NULL\s+THEN\b/i;

export interface ProductionTableChange {
  migration: string;
  statement: string;
  problem: string;
}

/** An index a migration builds on a production table (what the statement says). */
export interface BuiltIndex {
  migration: string;
  name: string;
  table: string;
  columns: string;
  where?: string;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function productionNamesIn(text: string): string[] {
  return [...text.matchAll(QUOTED_NAME)].map((m) => m[1]!).filter((name) => PRODUCTION_NAMES.includes(name));
}

/** The violations of one migration file, and the production-table indexes it builds. */
export function checkMigrationSql(migration: string, sql: string): { violations: ProductionTableChange[]; indexes: BuiltIndex[] } {
  const violations: ProductionTableChange[] = [];
  const indexes: BuiltIndex[] = [];
  const noTransaction = isNoTransactionMigration(sql);
  const isCreateIfMissing = migration.startsWith('0001_');
  for (const raw of splitSqlStatements(sql)) {
    const statement = oneLine(raw);
    const names = productionNamesIn(statement);
    if (names.length === 0) continue;
    const flag = (problem: string) => violations.push({ migration, statement, problem });

    const block = DO_BLOCK.exec(raw.trim());
    if (block) {
      const guard = GUARD.exec(block[2]!)?.[1];
      if (!isCreateIfMissing) flag('a DO block naming a production table outside 0001');
      else if (!guard) flag(`a DO block naming ${names.join(', ')} without an IF to_regclass('"<Table>"') IS NULL guard`);
      else {
        // Inside the guard only the guarded table itself, the table its foreign key
        // references and the enum as a column type.
        const referenced = new Set([...block[2]!.matchAll(/REFERENCES\s+"([A-Za-z]+)"/gi)].map((m) => m[1]!));
        const asType = (n: string) => (PRODUCTION_TYPES as readonly string[]).includes(n) && !/ALTER\s+TYPE/i.test(block[2]!);
        const others = names.filter((n) => n !== guard && !referenced.has(n) && !asType(n));
        if (others.length) flag(`the block guarded by "${guard}" also touches ${[...new Set(others)].join(', ')}`);
      }
      continue;
    }

    const index = CONCURRENT_INDEX.exec(statement);
    if (index) {
      const [, name, table, columns, where] = index;
      const known = PRODUCTION_TABLE_INDEXES.find((i) => i.name === name);
      if (!noTransaction) flag('CREATE INDEX CONCURRENTLY in a file that runs in a transaction (first line must be -- lpe:no-transaction)');
      else if (!known) flag(`index ${name} is not in PRODUCTION_TABLE_INDEXES (libs/db/src/production-tables.ts) and docs/database.md`);
      else if (known.table !== table) flag(`index ${name} is documented on "${known.table}", built on "${table}"`);
      indexes.push({ migration, name: name!, table: table!, columns: columns!, ...(where ? { where: where.trim() } : {}) });
      continue;
    }

    if (/^CREATE\s+(UNIQUE\s+)?INDEX\b/i.test(statement))
      flag('CREATE INDEX on a production table without CONCURRENTLY IF NOT EXISTS (blocks its writes while it builds)');
    else if (/^ALTER\s/i.test(statement)) flag('ALTER of a production table or type');
    else flag("a statement naming a production table (only 0001's create-if-missing blocks and the documented concurrent indexes may)");
  }
  return { violations, indexes };
}
