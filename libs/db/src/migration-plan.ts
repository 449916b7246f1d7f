import type { MigrationFile } from './migration-files';

/**
 * Splits the files into applied and pending. Forward-only means history is a prefix of
 * the files: a recorded migration whose file is gone, or a new file sorting before an
 * applied one (two branches numbered alike), is refused rather than guessed at.
 */
export function planMigrations(files: MigrationFile[], appliedNames: string[]): { applied: string[]; pending: MigrationFile[] } {
  appliedNames.forEach((name, i) => {
    if (files[i]?.name !== name) {
      const known = files.some((f) => f.name === name);
      throw new Error(
        known
          ? `migration "${files[i]?.name}" is not applied but sorts before the applied "${name}"; renumber it after the last applied one`
          : `the database has migration "${name}" applied, which is not in the migrations folder`,
      );
    }
  });
  return { applied: appliedNames, pending: files.slice(appliedNames.length) };
}
