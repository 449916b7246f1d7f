import { FLARE_TOKENS } from '@lib/chain';
import { ConfigError } from '@lib/config';

/** Which tokens anchor USD prices (addresses lowercase). */
export interface PricingConfig {
  /** Worth exactly 1 USD each. */
  usdStablecoins: readonly string[];
  /** Tokens without a stablecoin pool are priced through this token (WFLR on Flare). */
  wrappedNative: string;
}

export const PRICING_DEFAULTS = {
  usdStablecoins: [FLARE_TOKENS.USDT0],
  wrappedNative: FLARE_TOKENS.WFLR,
} as const;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function address(name: string, raw: string): string {
  if (!ADDRESS.test(raw)) throw new ConfigError(`${name}: not an address: "${raw}"`);
  return raw.toLowerCase();
}

/**
 * LP_USD_STABLECOINS (comma-separated addresses, default Flare's USD₮0) and
 * LP_WRAPPED_NATIVE (default WFLR). Belongs in @lib/config's loadConfig eventually.
 */
export function pricingConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PricingConfig {
  const stableList = env.LP_USD_STABLECOINS?.trim() ? env.LP_USD_STABLECOINS.split(',').map((s) => s.trim()).filter(Boolean) : PRICING_DEFAULTS.usdStablecoins;
  const usdStablecoins = [...new Set(stableList.map((s) => address('LP_USD_STABLECOINS', s)))];
  if (usdStablecoins.length === 0) throw new ConfigError('LP_USD_STABLECOINS is empty');
  const wrappedNative = address('LP_WRAPPED_NATIVE', env.LP_WRAPPED_NATIVE?.trim() || PRICING_DEFAULTS.wrappedNative);
  if (usdStablecoins.includes(wrappedNative)) throw new ConfigError(`LP_WRAPPED_NATIVE ${wrappedNative} is also listed in LP_USD_STABLECOINS`);
  return { usdStablecoins, wrappedNative };
}
