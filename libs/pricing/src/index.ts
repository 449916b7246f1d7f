export * from './chain-point';
export * from './pool-state';
export * from './pool-state.repository';
export * from './pool-directory';
export * from './pool-directory.repository';
export * from './virtual-reserves';
export * from './pool-quote';
export * from './price-candidate';
export * from './pricing-config';
export * from './usd-price-source';
export * from './token-usd-price';
export * from './pool-price-source';
// USD value of a raw amount at a price (exact), and the one rounding to a JS number for
// double-precision columns: v3-math already has both; re-exported under the names pricing users look for.
export { amountToUsd as valueUsd, ratioToNumber } from '@lib/v3-math';
