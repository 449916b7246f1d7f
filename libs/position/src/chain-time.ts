import type { Pool } from 'pg';

/** The chain time → block map of the source history, as an injectable repository (a shared step provider). */
export class ChainTimeRepository {
  constructor(private readonly pool: Pool) {}

  /**
   * The newest block of the source history with a timestamp at or before `asOf` (0: none):
   * what "as of a chain time" reads up to. From the replayed source tables, which are
   * complete before a run starts, so the answer does not depend on other steps' progress.
   */
  async lastBlockAtOrBefore(asOf: number): Promise<number> {
    const { rows } = await this.pool.query(
      `SELECT greatest((SELECT max("blockNumber") FROM "PoolEvent" WHERE timestamp <= $1), (SELECT max("blockNumber") FROM "PositionEvent" WHERE timestamp <= $1)) AS b`,
      [asOf],
    );
    return rows[0].b === null ? 0 : Number(rows[0].b);
  }
}
