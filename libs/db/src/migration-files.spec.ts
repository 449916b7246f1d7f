import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMigrationsDir, listMigrationFiles } from './migration-files';

describe('listMigrationFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const touch = (...names: string[]) => names.forEach((n) => writeFileSync(join(dir, n), '-- sql'));

  it('lists .sql files in number order and ignores other files', () => {
    touch('0002_b.sql', '0001_a.sql', 'README.md');
    expect(listMigrationFiles(dir)).toEqual([
      { name: '0001_a', path: join(dir, '0001_a.sql') },
      { name: '0002_b', path: join(dir, '0002_b.sql') },
    ]);
  });

  it('refuses misnamed files and numbers used twice', () => {
    touch('1_a.sql');
    expect(() => listMigrationFiles(dir)).toThrow('migration file "1_a.sql" must be named NNNN_lowercase_words.sql');
    rmSync(join(dir, '1_a.sql'));
    touch('0001_a.sql', '0001_b.sql');
    expect(() => listMigrationFiles(dir)).toThrow('migrations "0001_a.sql" and "0001_b.sql" have the same number');
  });

  it('accepts every file of the repository migrations folder', () => {
    expect(listMigrationFiles(defaultMigrationsDir()).length).toBeGreaterThanOrEqual(2);
  });
});
