import { loadConfig, PRICING_DEFAULTS, type Env, type PricingConfig } from '@lib/config';

// The pricing section of the configuration (LP_USD_STABLECOINS, LP_WRAPPED_NATIVE) is read
// and checked by @lib/config; @lib/pricing takes a PricingConfig value (AppConfig.pricing).
export { PRICING_DEFAULTS, type PricingConfig };

/**
 * @deprecated Inject APP_CONFIG and pass `config.pricing` instead. Kept for the step
 * services under apps/enricher/src/steps until they are switched: the pricing section of
 * `loadConfig(env)` (which checks the whole environment and throws its ConfigError).
 */
export function pricingConfigFromEnv(env?: Env): PricingConfig {
  return loadConfig(env).pricing;
}
