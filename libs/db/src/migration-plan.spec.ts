import type { MigrationFile } from './migration-files';
import { planMigrations } from './migration-plan';

const files: MigrationFile[] = ['0001_a', '0002_b', '0003_c'].map((name) => ({ name, path: `/m/${name}.sql` }));

describe('planMigrations', () => {
  it('applies the files after the recorded ones', () => {
    expect(planMigrations(files, [])).toEqual({ applied: [], pending: files });
    expect(planMigrations(files, ['0001_a'])).toEqual({ applied: ['0001_a'], pending: files.slice(1) });
    expect(planMigrations(files, ['0001_a', '0002_b', '0003_c']).pending).toEqual([]);
  });

  it('refuses a new file numbered before an applied one', () => {
    expect(() => planMigrations(files, ['0001_a', '0003_c'])).toThrow(
      'migration "0002_b" is not applied but sorts before the applied "0003_c"; renumber it after the last applied one',
    );
  });

  it('refuses a recorded migration whose file is gone', () => {
    expect(() => planMigrations(files, ['0001_a', '0002_old'])).toThrow('the database has migration "0002_old" applied, which is not in the migrations folder');
  });
});
