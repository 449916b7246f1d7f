import fc from 'fast-check';
import { MAX_SQRT_RATIO, MAX_UINT128, MIN_SQRT_RATIO, mulRatio, Q192, Q96, ratio, divRatio } from '@lib/v3-math';
import { virtualReserve0, virtualReserve1 } from './virtual-reserves';

describe('virtual reserves', () => {
  it('hand-worked: at √P = 4 (price 16), L = 1000 holds 250 token0 and 4000 token1', () => {
    expect(virtualReserve0(1000n, 4n * Q96)).toEqual(ratio(250n));
    expect(virtualReserve1(1000n, 4n * Q96)).toEqual(ratio(4000n));
  });

  it('multiply to L² and divide to the raw price (the constant-product pool they stand for)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: MAX_UINT128 }), fc.bigInt({ min: MIN_SQRT_RATIO, max: MAX_SQRT_RATIO - 1n }), (liquidity, sqrtPriceX96) => {
        const x = virtualReserve0(liquidity, sqrtPriceX96);
        const y = virtualReserve1(liquidity, sqrtPriceX96);
        expect(mulRatio(x, y)).toEqual(ratio(liquidity * liquidity));
        expect(divRatio(y, x)).toEqual(ratio(sqrtPriceX96 * sqrtPriceX96, Q192));
      }),
    );
  });
});
