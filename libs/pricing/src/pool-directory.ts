/**
 * The pools of the "Pool" table, indexed for pricing: which pools hold a token, and each
 * token's decimals. Pure: built from rows, no I/O (see pool-directory.repository.ts).
 */
export interface PoolTokens {
  /** Pool address, lowercase. */
  address: string;
  token0: string;
  token1: string;
  /** As stored: NULL in some production rows. */
  decimals0: number | null;
  decimals1: number | null;
}

export type DecimalsLookup = { ok: true; decimals: number } | { ok: false; reason: string };

function isDecimals(value: number | null): value is number {
  // ERC-20 decimals is a uint8.
  return value !== null && Number.isInteger(value) && value >= 0 && value <= 255;
}

export class PoolDirectory {
  private readonly byAddress = new Map<string, PoolTokens>();
  private readonly byToken = new Map<string, PoolTokens[]>();
  private readonly decimalsSeen = new Map<string, Set<number>>();

  constructor(pools: readonly PoolTokens[]) {
    const sorted = pools
      .map((p) => ({ ...p, address: p.address.toLowerCase(), token0: p.token0.toLowerCase(), token1: p.token1.toLowerCase() }))
      .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
    for (const pool of sorted) {
      this.byAddress.set(pool.address, pool);
      for (const [token, decimals] of [
        [pool.token0, pool.decimals0],
        [pool.token1, pool.decimals1],
      ] as const) {
        if (!this.byToken.has(token)) this.byToken.set(token, []);
        if (!this.byToken.get(token)!.includes(pool)) this.byToken.get(token)!.push(pool);
        if (isDecimals(decimals)) {
          if (!this.decimalsSeen.has(token)) this.decimalsSeen.set(token, new Set());
          this.decimalsSeen.get(token)!.add(decimals);
        }
      }
    }
  }

  get size(): number {
    return this.byAddress.size;
  }

  pool(address: string): PoolTokens | undefined {
    return this.byAddress.get(address.toLowerCase());
  }

  /** Every pool holding the token, by pool address ascending. */
  poolsOfToken(token: string): readonly PoolTokens[] {
    return this.byToken.get(token.toLowerCase()) ?? [];
  }

  /**
   * A token's decimals, from any "Pool" row that knows them: decimals belong to the token,
   * so a NULL in one pool's row is filled by another's. Never a default: no row knows them,
   * or rows disagree → not ok, with the reason.
   */
  decimalsOf(token: string): DecimalsLookup {
    const lower = token.toLowerCase();
    const seen = [...(this.decimalsSeen.get(lower) ?? [])].sort((a, b) => a - b);
    if (seen.length === 1) return { ok: true, decimals: seen[0] };
    if (seen.length === 0) return { ok: false, reason: `decimals of ${lower} unknown` };
    return { ok: false, reason: `decimals of ${lower} unknown ("Pool" rows disagree: ${seen.join(', ')})` };
  }
}
