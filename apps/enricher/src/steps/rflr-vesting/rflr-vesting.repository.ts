import type { Pool } from 'pg';
import { upsertRows, type Queryable } from '@lib/db';
import { positionKey } from '@lib/position';
import type { RflrAllocation } from './vesting';
import type { RflrVestingRow } from './vesting-row';

const COLUMNS = [
  'position_manager',
  'token_id',
  'as_of',
  'allocations',
  'earned_raw',
  'vested_raw',
  'locked_raw',
  'claimable_raw',
  'rflr_price_usd',
  'earned_usd',
  'vested_usd',
  'locked_usd',
  'claimable_usd',
  'price_block',
  'note',
] as const;

// month_start is a UTC date: days since the epoch × 86400 is its midnight in epoch seconds.
const ALLOCATION_COLUMNS = `a.position_manager, a.token_id, ((a.month_start - date '1970-01-01') * 86400)::bigint::text AS month_start, a.amount_raw::text AS amount_raw`;

/** The SQL of rFLR vesting: allocations in (input data), the chain time → block map, rows out. */
export class RflrVestingRepository {
  constructor(private readonly pool: Pool) {}

  /** The allocations of the given positions, by position key. */
  async allocations(
    positions: { positionManager: string; tokenId: string }[],
  ): Promise<Map<string, { positionManager: string; tokenId: string; allocations: RflrAllocation[] }>> {
    const { rows } = await this.pool.query(
      `SELECT ${ALLOCATION_COLUMNS} FROM rflr_allocation a
         JOIN unnest($1::text[], $2::text[]) AS k(m, t) ON a.position_manager = k.m AND a.token_id = k.t
        ORDER BY a.position_manager, a.token_id, a.month_start`,
      [positions.map((p) => p.positionManager.toLowerCase()), positions.map((p) => p.tokenId)],
    );
    const out = new Map<string, { positionManager: string; tokenId: string; allocations: RflrAllocation[] }>();
    for (const r of rows) {
      const key = positionKey(r.position_manager, r.token_id);
      const entry = out.get(key) ?? { positionManager: r.position_manager as string, tokenId: r.token_id as string, allocations: [] as RflrAllocation[] };
      entry.allocations.push({ monthStart: Number(r.month_start), amountRaw: BigInt(r.amount_raw) });
      out.set(key, entry);
    }
    return out;
  }

  /** One keyset page of the positions with allocations, after `after`, in key order. */
  async allocatedPositions(
    after: { positionManager: string; tokenId: string } | undefined,
    limit: number,
  ): Promise<{ positionManager: string; tokenId: string }[]> {
    const { rows } = after
      ? await this.pool.query(
          `SELECT DISTINCT position_manager, token_id FROM rflr_allocation WHERE (position_manager, token_id) > ($1, $2) ORDER BY position_manager, token_id LIMIT $3`,
          [after.positionManager, after.tokenId, limit],
        )
      : await this.pool.query(`SELECT DISTINCT position_manager, token_id FROM rflr_allocation ORDER BY position_manager, token_id LIMIT $1`, [limit]);
    return rows.map((r) => ({ positionManager: r.position_manager, tokenId: r.token_id }));
  }

  async write(db: Queryable, rows: readonly RflrVestingRow[]): Promise<void> {
    await upsertRows(db, { table: 'position_rflr_vesting', columns: COLUMNS, conflict: ['position_manager', 'token_id', 'as_of'], update: 'all', rows });
  }
}
