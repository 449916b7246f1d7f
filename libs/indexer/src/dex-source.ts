import type { Address } from 'viem';

/** One DEX to index: its factory (pools), its position manager (positions), and where its history starts. */
export interface DexSource {
  /** Stored in rows' metadata and in the checkpoint name, e.g. 'enosys', 'sparkdex'. */
  name: string;
  factory: Address;
  positionManager: Address;
  /** The first block to scan: the deployment of the factory / manager, whichever is first. */
  fromBlock: number;
  /**
   * When history is cut (`fromBlock` after the deployment, e.g. `--from-block`): where the
   * factory's PoolCreated logs are read from for "Pool" (the deployment), so the pools created
   * before the cut are known and their later events indexed. Unset: only pools from `fromBlock`.
   */
  poolsFromBlock?: number;
}
