import type { PriceResult } from '@lib/pricing';
import { fractionToNumber, ratioToNumber, usdValueFraction } from '@lib/v3-math';
import type { VestingState } from './vesting';

/** rFLR has 18 decimals, as FLR. */
export const RFLR_DECIMALS = 18;

/** A row of position_rflr_vesting. */
export interface RflrVestingRow {
  position_manager: string;
  token_id: string;
  as_of: number;
  allocations: number;
  earned_raw: string;
  vested_raw: string;
  locked_raw: string;
  claimable_raw: string;
  rflr_price_usd: number | null;
  earned_usd: number | null;
  vested_usd: number | null;
  locked_usd: number | null;
  claimable_usd: number | null;
  price_block: number;
  note: string | null;
}

/**
 * The row of one position as of one time. rFLR has no market of its own: it is redeemable
 * 1:1 for (W)FLR, so it is priced as wrapped FLR (`wflrPrice`, as of the end of `priceBlock`).
 * Without that price the raw amounts are still facts: USD columns NULL, reason in note.
 */
export function rflrVestingRow(
  position: { positionManager: string; tokenId: string },
  asOf: number,
  s: VestingState,
  wflrPrice: PriceResult,
  priceBlock: number,
): RflrVestingRow {
  const usd = (raw: bigint) =>
    wflrPrice.ok ? fractionToNumber(usdValueFraction([{ amount: raw, decimals: RFLR_DECIMALS, price: wflrPrice.usdPerToken }])) : null;
  return {
    position_manager: position.positionManager.toLowerCase(),
    token_id: position.tokenId,
    as_of: asOf,
    allocations: s.allocations,
    earned_raw: s.earned.toString(),
    vested_raw: s.vested.toString(),
    locked_raw: s.locked.toString(),
    claimable_raw: s.claimable.toString(),
    rflr_price_usd: wflrPrice.ok ? ratioToNumber(wflrPrice.usdPerToken) : null,
    earned_usd: usd(s.earned),
    vested_usd: usd(s.vested),
    locked_usd: usd(s.locked),
    claimable_usd: usd(s.claimable),
    price_block: priceBlock,
    note: wflrPrice.ok ? null : `no USD price of WFLR: ${wflrPrice.reason}`,
  };
}
