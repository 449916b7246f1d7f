import type { Pool } from 'pg';
import { recordCacheLookup } from '@lib/chain';
import { PoolDirectory, type PoolTokens } from './pool-directory';

export interface PoolDirectoryRepositoryOptions {
  /**
   * How long a loaded directory is used before "Pool" is read again. Pools are only ever
   * added (by the indexer); a pool added meanwhile is seen after at most this long.
   */
  maxAgeMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * The whole "Pool" table as a PoolDirectory, read in one query and cached: the table is
 * small (one row per pool of both DEXes) and every price lookup needs it.
 */
export class PoolDirectoryRepository {
  private loaded: { at: number; directory: Promise<PoolDirectory> } | undefined;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Pool,
    options: PoolDirectoryRepositoryOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  directory(): Promise<PoolDirectory> {
    const now = this.now();
    if (this.loaded && now - this.loaded.at < this.maxAgeMs) {
      recordCacheLookup('pool-directory', 'hit');
      return this.loaded.directory;
    }
    recordCacheLookup('pool-directory', 'miss');
    const directory = this.load();
    const loaded = { at: now, directory };
    this.loaded = loaded;
    // A failed read is not cached: the next call reads again.
    directory.catch(() => {
      if (this.loaded === loaded) this.loaded = undefined;
    });
    return directory;
  }

  private async load(): Promise<PoolDirectory> {
    const { rows } = await this.db.query<PoolTokens>(
      `SELECT lower(address) AS address, lower(token0) AS token0, lower(token1) AS token1,
              "token0Decimals" AS decimals0, "token1Decimals" AS decimals1
         FROM "Pool"`,
    );
    return new PoolDirectory(rows);
  }
}
