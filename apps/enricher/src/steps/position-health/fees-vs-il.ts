/** Losses below a micro-dollar are the rounding of exact raw amounts (wei), not a loss. */
export const NEGLIGIBLE_LOSS_USD = 1e-6;

/**
 * Component (c): have the fees collected so far paid for the impermanent loss? With loss =
 * max(0, −il_usd): 100 when there is no loss (below NEGLIGIBLE_LOSS_USD) or fees ≥ loss, else 100 × fees / loss
 * (0 when nothing was earned against a loss). Null when either side has no value.
 */
export function feesVsIlScore(feesUsd: number | null, ilUsd: number | null): number | null {
  if (feesUsd === null || ilUsd === null) return null;
  const loss = Math.max(0, -ilUsd);
  if (loss < NEGLIGIBLE_LOSS_USD || feesUsd >= loss) return 100;
  return Math.max(0, (100 * feesUsd) / loss);
}
