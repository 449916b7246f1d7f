import { ratio } from '@lib/v3-math';
import { unclaimedFeesRow, type UnclaimedFeesInputs } from './unclaimed-fees-row';

const Q128 = 2n ** 128n;
const position = { liquidity: 100n, feeGrowthInside0LastX128: Q128, feeGrowthInside1LastX128: 0n, tokensOwed0: 7n, tokensOwed1: 0n };
const base: UnclaimedFeesInputs = {
  event: { id: '0xa:1', positionManager: '0xm', tokenId: '7', pool: '0xp', blockNumber: 10, logIndex: 1, tickLower: -60, tickUpper: 60 },
  state: {
    kind: 'live',
    position,
    pool: { tick: 0, feeGrowthGlobal0X128: 10n * Q128, feeGrowthGlobal1X128: Q128 / 2n },
    lower: { feeGrowthOutside0X128: 2n * Q128, feeGrowthOutside1X128: 0n },
    upper: { feeGrowthOutside0X128: 3n * Q128, feeGrowthOutside1X128: 0n },
  },
  rpcBlock: 10,
  decimals0: { ok: true, decimals: 0 },
  decimals1: { ok: true, decimals: 1 },
  price0: { ok: true, usdPerToken: ratio(2n), via: [] },
  price1: { ok: true, usdPerToken: ratio(3n), via: [] },
  poolPosition: null,
};

describe('unclaimedFeesRow', () => {
  it('adds L·(inside − last)/2^128 to tokensOwed, and values it at the prices', () => {
    // inside0 = 10 − 2 − 3 = 5 (Q128); (5 − 1)·100 + 7 = 407. inside1 = 0.5; 0.5·100 = 50.
    const r = unclaimedFeesRow(base);
    expect(r).toMatchObject({ liquidity: '100', tokens_owed0: '7', tokens_owed1: '0', unclaimed0: '407', unclaimed1: '50', rpc_block: 10, note: null });
    expect(r.unclaimed_usd).toBe(407 * 2 + 5 * 3);
  });

  it('pays no more than the pool owes the pooled position of the range (collect caps it)', () => {
    // The pool's own position of the range: 99 liquidity since inside 1 → (5 − 1)·99 = 396 + 10 owed = 406 < 407.
    const poolPosition = { liquidity: 99n, feeGrowthInside0LastX128: Q128, feeGrowthInside1LastX128: 0n, tokensOwed0: 10n, tokensOwed1: 0n };
    const r = unclaimedFeesRow({ ...base, poolPosition });
    expect(r).toMatchObject({ unclaimed0: '406', unclaimed1: '49' });
  });

  it('follows the contracts through accumulator wrap-around (mod 2^256)', () => {
    const wrapped: UnclaimedFeesInputs = {
      ...base,
      state: {
        ...(base.state as Extract<UnclaimedFeesInputs['state'], { kind: 'live' }>),
        pool: { tick: 0, feeGrowthGlobal0X128: Q128, feeGrowthGlobal1X128: 0n },
        lower: { feeGrowthOutside0X128: 2n * Q128, feeGrowthOutside1X128: 0n },
      },
    };
    // inside0 = 1 − 2 − 3 = −4 (mod 2^256), last = −6 (mod 2^256): 2 units of growth since → 2·100 + 7.
    const r = unclaimedFeesRow({
      ...wrapped,
      state: {
        ...(wrapped.state as Extract<UnclaimedFeesInputs['state'], { kind: 'live' }>),
        position: { ...position, feeGrowthInside0LastX128: 2n ** 256n - 6n * Q128 },
      },
    });
    expect(r.unclaimed0).toBe(String(200n + 7n));
  });

  it('with no liquidity only tokensOwed is left', () => {
    const r = unclaimedFeesRow({ ...base, state: { kind: 'empty', position: { ...position, liquidity: 0n, tokensOwed1: 9n } } });
    expect(r).toMatchObject({ unclaimed0: '7', unclaimed1: '9', note: null });
  });

  it('a burned position has nothing to collect: zeros with a note, not an error', () => {
    const r = unclaimedFeesRow({ ...base, state: { kind: 'burned' } });
    expect(r).toMatchObject({ unclaimed0: '0', unclaimed1: '0', unclaimed_usd: 0, note: expect.stringMatching(/burned/) });
  });

  it('a missing price empties only the USD value, with the reason', () => {
    const r = unclaimedFeesRow({ ...base, price1: { ok: false, reason: 'no pool pairs 0xt' } });
    expect(r).toMatchObject({ unclaimed0: '407', unclaimed_usd: null, note: 'no USD value: token1: no pool pairs 0xt' });
  });
});
