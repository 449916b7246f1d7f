/**
 * Upserts the reward inputs: rFLR allocations into `rflr_allocation`, incentive programs
 * into "PoolIncentive". Invalid records, and incentives of pools not in "Pool" (the
 * table's foreign key would refuse the whole batch), are reported and skipped.
 */
import type { Pool as PgPool } from 'pg';
import { upsertRows, withTransaction } from '@lib/db';
import type { IndexShape } from '../index-shape';
import { rollingIncentiveSnapshots } from './incentive-snapshots';
import { InputError, type InputRecord } from './input-record';
import { poolIncentiveRow, poolIncentiveUpsert, type PoolIncentiveRow } from './pool-incentive-row';
import { rflrAllocationRow, rflrAllocationUpsert, type RflrAllocationRow } from './rflr-allocation-row';

export interface RejectedRecord {
  kind: 'rflr' | 'incentive';
  /** Index of the record in its input. */
  index: number;
  reason: string;
}

export interface RewardInputs {
  rflr: readonly InputRecord[];
  incentives: readonly InputRecord[];
  /** Stored as `source` of allocations that do not name one. */
  rflrSource: string;
  /**
   * Production shape: the times the snapshot script ran (a scenario's days, `dailyRunTimes`);
   * one run at `now` when not given.
   */
  incentiveRunTimes?: readonly Date[];
}

export interface ImportOptions {
  /**
   * 'full' (default): one "PoolIncentive" row per programme, as given. 'production': the
   * programmes as production's rolling snapshots (incentive-snapshots.ts), one row per run,
   * pool and reward token.
   */
  shape?: IndexShape;
}

export interface ImportResult {
  rflr: { rows: number; changed: number };
  incentives: { rows: number; changed: number };
  rejected: RejectedRecord[];
}

function mapRecords<Row>(
  records: readonly InputRecord[],
  kind: RejectedRecord['kind'],
  toRow: (record: InputRecord) => Row,
  rejected: RejectedRecord[],
): { row: Row; index: number }[] {
  const rows: { row: Row; index: number }[] = [];
  records.forEach((record, index) => {
    try {
      rows.push({ row: toRow(record), index });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      rejected.push({ kind, index, reason: error.message });
    }
  });
  return rows;
}

export async function importRewardInputs(db: PgPool, inputs: RewardInputs, now: Date = new Date(), options: ImportOptions = {}): Promise<ImportResult> {
  const rejected: RejectedRecord[] = [];
  const allocations = mapRecords<RflrAllocationRow>(inputs.rflr, 'rflr', (r) => rflrAllocationRow(r, inputs.rflrSource), rejected);
  const incentives = mapRecords<PoolIncentiveRow>(inputs.incentives, 'incentive', (r) => poolIncentiveRow(r, now), rejected);

  const poolAddresses = [...new Set(incentives.map((i) => i.row.poolAddress))];
  const { rows: known } = await db.query<{ address: string }>('SELECT address FROM "Pool" WHERE address = ANY($1::text[])', [poolAddresses]);
  const knownPools = new Set(known.map((p) => p.address));
  const onKnownPools = incentives.filter(({ row, index }) => {
    if (knownPools.has(row.poolAddress)) return true;
    rejected.push({ kind: 'incentive', index, reason: `pool ${row.poolAddress} is not in "Pool" (index the chain first)` });
    return false;
  });
  // A snapshot row stands for its pool's programmes: it carries the first one's index.
  const writable =
    options.shape === 'production'
      ? rollingIncentiveSnapshots(
          onKnownPools.map((i) => i.row),
          inputs.incentiveRunTimes ?? [now],
        ).map((row) => ({ row, index: onKnownPools.find((i) => i.row.poolAddress === row.poolAddress)?.index ?? -1 }))
      : onKnownPools;

  return withTransaction(db, async (client) => {
    const rflrChanged = await upsertRows(client, rflrAllocationUpsert(allocations.map((a) => a.row)));
    const incentivesChanged = await upsertRows(client, poolIncentiveUpsert(writable.map((i) => i.row)));
    return {
      rflr: { rows: allocations.length, changed: rflrChanged },
      incentives: { rows: writable.length, changed: incentivesChanged },
      rejected: rejected.sort((a, b) => a.kind.localeCompare(b.kind) || a.index - b.index),
    };
  });
}
