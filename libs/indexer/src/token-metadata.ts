/** What the "Pool" row needs of an ERC-20 token. */
export interface TokenMetadata {
  /** NULL when the token has no readable symbol (production's "Pool" has such rows); never guessed. */
  symbol: string | null;
  name: string | null;
  /** null when `decimals()` fails: a default (18) would silently misprice the token. */
  decimals: number | null;
}
