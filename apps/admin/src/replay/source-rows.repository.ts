import type { Pool } from 'pg';
import type { SourceRow } from './source-row.mapper';

/** Position in chain order; the replay's cursor per source table. */
export interface ChainCursor {
  blockNumber: number;
  logIndex: number;
}

export const START_CURSOR: ChainCursor = { blockNumber: -1, logIndex: -1 };

/**
 * Reads source rows in chain order by keyset pagination: each page starts strictly
 * after the last (blockNumber, logIndex) of the previous one, so a page costs the same
 * at row 10 and at row 10 million (unlike OFFSET), and a cursor is all it takes to resume.
 */
export class SourceRowsRepository {
  constructor(private readonly pool: Pool) {}

  async page(table: string, after: ChainCursor, limit: number): Promise<SourceRow[]> {
    const { rows } = await this.pool.query(
      `SELECT * FROM ${table}
        WHERE ("blockNumber", "logIndex") > ($1, $2)
        ORDER BY "blockNumber", "logIndex"
        LIMIT $3`,
      [after.blockNumber, after.logIndex, limit],
    );
    return rows;
  }

  async count(table: string): Promise<number> {
    const { rows } = await this.pool.query(`SELECT count(*)::bigint AS n FROM ${table}`);
    return Number(rows[0].n);
  }

  async maxTimestamp(table: string): Promise<number> {
    const { rows } = await this.pool.query(`SELECT coalesce(max(timestamp), 0) AS t FROM ${table}`);
    return Number(rows[0].t);
  }
}
