import JSBI from 'jsbi';
import { encodeSqrtRatioX96, nearestUsableTick as sdkNearestUsableTick, TickMath } from '@uniswap/v3-sdk';
import {
  decimalToFraction,
  fullRange,
  nearestUsableTick,
  orderedPoolPrice,
  priceToSqrtPriceX96,
  priceToTick,
  sqrtBigInt,
  sqrtPriceX96ToPrice,
} from './sqrt-price';

describe('sqrt price', () => {
  it('parses decimals exactly', () => {
    expect(decimalToFraction('0.0213')).toEqual({ numerator: 213n, denominator: 10000n });
    expect(decimalToFraction(2.5e-7)).toEqual({ numerator: 25n, denominator: 100000000n });
    expect(decimalToFraction('3000')).toEqual({ numerator: 3000n, denominator: 1n });
    expect(() => decimalToFraction('-1')).toThrow(RangeError);
    expect(() => decimalToFraction('0')).toThrow(RangeError);
  });

  it('takes exact integer square roots', () => {
    for (const v of [0n, 1n, 2n, 3n, 4n, 15n, 16n, 17n, 2n ** 192n, 2n ** 255n + 12345n, 3n ** 150n + 7n, 46948356807511736n * 2n ** 192n]) {
      const r = sqrtBigInt(v);
      expect(r * r <= v && (r + 1n) * (r + 1n) > v).toBe(true);
    }
  });

  it.each([
    // price of token0 in token1, decimals0, decimals1
    ['0.0213', 18, 6], // WFLR priced in USD₮0
    ['46.95', 6, 18], // USD₮0 priced in WFLR
    ['3000', 18, 6],
    ['1.1', 18, 18],
    ['0.00000042', 18, 18],
  ])('matches the Uniswap SDK for price %s (decimals %i/%i)', (price, d0, d1) => {
    const { numerator, denominator } = decimalToFraction(price);
    const sdk = BigInt(encodeSqrtRatioX96((numerator * 10n ** BigInt(d1)).toString(), (denominator * 10n ** BigInt(d0)).toString()).toString());
    const ours = priceToSqrtPriceX96(price, d0, d1);
    expect(ours).toBe(sdk);
    expect(sqrtPriceX96ToPrice(ours, d0, d1)).toBeCloseTo(Number(price), 6);
  });

  it('finds the tick of a price like TickMath', () => {
    const sqrt = priceToSqrtPriceX96('0.0213', 18, 6);
    const sdkTick = TickMath.getTickAtSqrtRatio(JSBI.BigInt(sqrt.toString()));
    expect(Math.abs(priceToTick(0.0213, 18, 6) - sdkTick)).toBeLessThanOrEqual(1);
  });

  it('orders tokens by address and inverts the price', () => {
    const a = { address: '0x00000000000000000000000000000000000000bb' };
    const b = { address: '0x00000000000000000000000000000000000000aa' };
    const ordered = orderedPoolPrice(a, b, 4);
    expect(ordered.token0).toBe(b);
    expect(ordered.price1Per0).toBe(0.25);
  });

  it('rounds ticks to the spacing like the SDK, full range included', () => {
    for (const [tick, spacing] of [
      [-887272, 60],
      [887272, 10],
      [1234, 60],
      [-1234, 200],
      [5, 10],
    ]) {
      expect(nearestUsableTick(tick, spacing)).toBe(sdkNearestUsableTick(tick, spacing));
    }
    expect(fullRange(60)).toEqual({ tickLower: -887220, tickUpper: 887220 });
    expect(fullRange(10)).toEqual({ tickLower: -887270, tickUpper: 887270 });
  });
});
