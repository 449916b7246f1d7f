/** What the "Pool" row needs of an ERC-20 token. */
export interface TokenMetadata {
  /** '' when the token has no readable symbol (the column is NOT NULL); never guessed. */
  symbol: string;
  name: string;
  /** null when `decimals()` fails: a default (18) would silently misprice the token. */
  decimals: number | null;
}
