import { FLARE_TOKENS } from '@lib/chain';
import { ConfigError } from '@lib/config';
import { PRICING_DEFAULTS, pricingConfigFromEnv } from './pricing-config';

describe('pricingConfigFromEnv (the pricing section of loadConfig)', () => {
  it("defaults to Flare's USD₮0 and WFLR, lowercase", () => {
    expect(pricingConfigFromEnv({})).toEqual({
      usdStablecoins: ['0xe7cd86e13ac4309349f30b3435a9d337750fc82d'],
      wrappedNative: '0x1d80c49bbbcd1c0911346656b529df9e5c2f783d',
    });
  });

  it('has the defaults of @lib/config equal to FLARE_TOKENS of @lib/chain', () => {
    expect(PRICING_DEFAULTS).toEqual({ usdStablecoins: [FLARE_TOKENS.USDT0.toLowerCase()], wrappedNative: FLARE_TOKENS.WFLR.toLowerCase() });
  });

  it('reads a comma-separated stablecoin list and a wrapped native token', () => {
    const config = pricingConfigFromEnv({
      LP_USD_STABLECOINS: ' 0x00000000000000000000000000000000000000AA, 0x00000000000000000000000000000000000000bb,0x00000000000000000000000000000000000000aa ',
      LP_WRAPPED_NATIVE: '0x00000000000000000000000000000000000000CC',
    });
    expect(config).toEqual({
      usdStablecoins: ['0x00000000000000000000000000000000000000aa', '0x00000000000000000000000000000000000000bb'],
      wrappedNative: '0x00000000000000000000000000000000000000cc',
    });
  });

  it('refuses what is not an address, and a wrapped native token that is also a stablecoin', () => {
    expect(() => pricingConfigFromEnv({ LP_USD_STABLECOINS: 'usdt' })).toThrow(ConfigError);
    expect(() => pricingConfigFromEnv({ LP_WRAPPED_NATIVE: '0x12' })).toThrow(/LP_WRAPPED_NATIVE/);
    const same = '0x00000000000000000000000000000000000000aa';
    expect(() => pricingConfigFromEnv({ LP_USD_STABLECOINS: same, LP_WRAPPED_NATIVE: same })).toThrow(/also listed/);
  });
});
