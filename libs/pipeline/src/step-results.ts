/**
 * What each step of the graph (step-graph.ts) writes, declared once (docs/steps.md): the
 * dashboard counts these tables' rows, the bench empties and compares them, and the
 * pipeline and fault tests compare them with a clean run's.
 */
export interface StepResults {
  /** The tables only this step writes. */
  tables: readonly string[];
  /**
   * Columns it fills in a source table that the indexer writes (the row's key first):
   * compared apart from the rest of the row, and not emptied with the step's tables.
   */
  filledColumns?: { table: string; columns: readonly string[] };
}

export const STEP_RESULTS: Readonly<Record<string, StepResults>> = {
  'pool-attribution': { tables: ['position_registry', 'attributed_event'], filledColumns: { table: 'PositionEvent', columns: ['id', 'pool'] } },
  'fees-usd': { tables: ['collect_fee'], filledColumns: { table: 'PositionEvent', columns: ['id', 'usdValue'] } },
  'range-status': { tables: ['position_range_status'] },
  'impermanent-loss': { tables: ['position_impermanent_loss'] },
  'unclaimed-fees': { tables: ['position_unclaimed_fees'] },
  'position-snapshots': { tables: ['position_snapshot'] },
  'pool-volume': { tables: ['swap_volume', 'pool_volume_hourly'] },
  apr: { tables: ['pool_apr_daily'] },
  'rflr-vesting': { tables: ['position_rflr_vesting'] },
  'position-health': { tables: ['position_health'] },
};

/** What `step` writes; throws for a step that has no entry. */
export function stepResults(step: string): StepResults {
  const results = STEP_RESULTS[step];
  if (!results) throw new Error(`no result tables are listed for step ${step}`);
  return results;
}

/** Everything `step` writes, to compare with another run: its tables, then the columns it fills. */
export function stepOutputs(step: string): (string | { table: string; columns: readonly string[] })[] {
  const { tables, filledColumns } = stepResults(step);
  return filledColumns ? [...tables, filledColumns] : [...tables];
}
