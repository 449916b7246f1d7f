import { upsertRows, type Queryable } from '@lib/db';
import type { UnclaimedFeesRow } from '@lib/position';

const COLUMNS = [
  'id',
  'position_manager',
  'token_id',
  'pool',
  'block_number',
  'log_index',
  'liquidity',
  'tokens_owed0',
  'tokens_owed1',
  'unclaimed0',
  'unclaimed1',
  'unclaimed_usd',
  'rpc_block',
  'note',
] as const;

/** The SQL of unclaimed fees: one upsert per batch on the event id, in the runtime's transaction. */
export class UnclaimedFeesRepository {
  async write(db: Queryable, rows: readonly UnclaimedFeesRow[]): Promise<void> {
    await upsertRows(db, { table: 'position_unclaimed_fees', columns: COLUMNS, conflict: ['id'], update: 'all', rows });
  }
}
