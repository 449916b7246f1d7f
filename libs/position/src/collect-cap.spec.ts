import { capByPoolPosition } from './collect-cap';

const Q128 = 2n ** 128n;
const live = {
  kind: 'live' as const,
  position: { liquidity: 3n, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, tokensOwed0: 0n, tokensOwed1: 0n },
  pool: { tick: 0, feeGrowthGlobal0X128: Q128 / 3n, feeGrowthGlobal1X128: 2n * Q128 },
  lower: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n },
  upper: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n },
};
const range = { tickLower: -60, tickUpper: 60 };

describe('capByPoolPosition', () => {
  it('caps at what the pooled position owes after the poke: floor on the summed liquidity', () => {
    // Two NFTs of L=3 share a pool position of L=6: each is owed floor(3·⅓−) = 0, 6 units of token1; the pool owes floor(6·⅓−) = 1, 12.
    const pool = { liquidity: 6n, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, tokensOwed0: 0n, tokensOwed1: 0n };
    expect(capByPoolPosition({ fees0: 1n, fees1: 6n }, live, range, pool)).toEqual({ fees0: 1n, fees1: 6n });
    expect(capByPoolPosition({ fees0: 1n, fees1: 13n }, live, range, pool)).toEqual({ fees0: 1n, fees1: 12n });
  });

  it('an empty NFT does not poke: the stored tokensOwed is the cap; burned or unknown: no cap', () => {
    const pool = { liquidity: 0n, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, tokensOwed0: 4n, tokensOwed1: 9n };
    const empty = { kind: 'empty' as const, position: live.position };
    expect(capByPoolPosition({ fees0: 5n, fees1: 9n }, empty, range, pool)).toEqual({ fees0: 4n, fees1: 9n });
    expect(capByPoolPosition({ fees0: 5n, fees1: 9n }, { kind: 'burned' }, range, pool)).toEqual({ fees0: 5n, fees1: 9n });
    expect(capByPoolPosition({ fees0: 5n, fees1: 9n }, live, range, null)).toEqual({ fees0: 5n, fees1: 9n });
  });
});
