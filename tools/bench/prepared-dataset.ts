import type { Pool } from 'pg';

/** A dataset ready for the replay: source tables filled, a chain to read, and what the steps need to price. */
export interface PreparedDataset {
  db: Pool;
  /** The chain the steps read (behind the RPC counter). */
  rpcUrl: string;
  /** LP_USD_STABLECOINS / LP_WRAPPED_NATIVE (and for the scale dataset LP_DEX_MANAGERS) of the dataset's tokens. */
  pricingEnv: Record<string, string>;
  positionRows: number;
  poolRows: number;
  figures: { figure: string; value: number; unit: string }[];
  raw: Record<string, unknown>;
  /**
   * After a step's output is reset (its tables emptied): puts back the rows the dataset
   * itself loaded into them (the scale dataset's `position_registry`), so the rerun
   * starts from the same input as the first run.
   */
  restoreInputs?(step: string): Promise<void>;
  /** Stops what the dataset runs (the chain). */
  stop(): Promise<void>;
}
