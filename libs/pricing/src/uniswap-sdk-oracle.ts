/**
 * The Uniswap SDK as an independent oracle for the unit tests (test code only; the SDK is a
 * devDependency and not exported from the library): pool prices computed by its own code.
 */
import { Token, type Price } from '@uniswap/sdk-core';
import { Pool, TickMath } from '@uniswap/v3-sdk';
import JSBI from 'jsbi';
import { type Ratio, ratio } from '@lib/v3-math';

const FLARE_CHAIN_ID = 14;
const fromJsbi = (x: JSBI) => BigInt(x.toString());

export function sdkToken(address: string, decimals: number): Token {
  return new Token(FLARE_CHAIN_ID, address, decimals);
}

/** The SDK's pool at a sqrt price (its tick derived by the SDK too); tokens in either order. */
export function sdkPool(tokenA: Token, tokenB: Token, sqrtPriceX96: bigint): Pool {
  const sqrt = JSBI.BigInt(sqrtPriceX96.toString());
  return new Pool(tokenA, tokenB, 3000, sqrt, 0, TickMath.getTickAtSqrtRatio(sqrt));
}

/** An SDK price in whole-token units (its raw fraction times its decimal scalar), as an exact Ratio. */
export function sdkHumanPrice(price: Price<Token, Token>): Ratio {
  return ratio(fromJsbi(price.numerator) * fromJsbi(price.scalar.numerator), fromJsbi(price.denominator) * fromJsbi(price.scalar.denominator));
}
