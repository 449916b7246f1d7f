import { ratio } from '@lib/v3-math';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import type { PriceResult } from '@lib/pricing';
import { UnclaimedFeesStep, type UnclaimedFeesFact } from './unclaimed-fees.step';

const Q128 = 2n ** 128n;
// compute is pure: no repository, reader or price source is touched.
const step = new UnclaimedFeesStep(null as never, null as never, null as never, null as never, null as never);

const event = (id: string, blockNumber: number, logIndex: number): AttributedPositionEventRecord => ({
  id,
  tokenId: '7',
  pool: '0xpool',
  blockNumber,
  txHash: '0xt',
  logIndex,
  timestamp: 1_700_000_000 + blockNumber,
  eventType: 'COLLECT',
  sender: null,
  owner: null,
  recipient: null,
  tickLower: null,
  tickUpper: null,
  tick: null,
  liquidityDelta: null,
  amount0: null,
  amount1: null,
  sqrtPriceX96: null,
  price1Per0: null,
  usdValue: null,
  metadata: null,
  positionManager: '0xMGR',
  dex: 'enosys',
  token0: '0xt0',
  token1: '0xt1',
  fee: 3000,
  positionTickLower: -60,
  positionTickUpper: 60,
});
const usd = (n: bigint): PriceResult => ({ ok: true, usdPerToken: ratio(n), via: [] });
const priced = { decimals0: { ok: true as const, decimals: 0 }, decimals1: { ok: true as const, decimals: 0 }, price0: usd(3n), price1: usd(2n) };

describe('UnclaimedFeesStep.compute', () => {
  it('a live position: tokensOwed plus L·(growth inside − last), valued at the end-of-block prices (hand-worked)', () => {
    // Tick 0 inside [−60, 60]: inside0 = global 3 − below 1 − above 0 = 2 (Q128), last 0, L = 10 → 20, + owed 5 = 25.
    // Token1: no growth, owed 4 → 4. USD: 25·$3 + 4·$2 = $83.
    const live: UnclaimedFeesFact = {
      event: event('a', 12, 3),
      state: {
        kind: 'live',
        position: { liquidity: 10n, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, tokensOwed0: 5n, tokensOwed1: 4n },
        pool: { tick: 0, feeGrowthGlobal0X128: 3n * Q128, feeGrowthGlobal1X128: 0n },
        lower: { feeGrowthOutside0X128: Q128, feeGrowthOutside1X128: 0n },
        upper: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n },
      },
      poolPosition: null,
      ...priced,
    };
    const out = step.compute([live]);
    expect(out.rejections ?? []).toEqual([]);
    expect(out.rows).toEqual([
      {
        id: 'a',
        position_manager: '0xmgr',
        token_id: '7',
        pool: '0xpool',
        block_number: 12,
        log_index: 3,
        liquidity: '10',
        tokens_owed0: '5',
        tokens_owed1: '4',
        unclaimed0: '25',
        unclaimed1: '4',
        unclaimed_usd: 83,
        rpc_block: 12,
        note: null,
      },
    ]);
  });

  it("a burned position is a row of zeros with a note, not a rejection; rows keep the events' order", () => {
    const burned: UnclaimedFeesFact = { event: event('b', 20, 0), state: { kind: 'burned' }, poolPosition: null, ...priced };
    const empty: UnclaimedFeesFact = {
      event: event('c', 21, 1),
      state: { kind: 'empty', position: { liquidity: 0n, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, tokensOwed0: 0n, tokensOwed1: 1n } },
      poolPosition: null,
      ...priced,
      price1: { ok: false, reason: 'no pool pairs 0xt1' },
    };
    const out = step.compute([burned, empty]);
    expect(out.rejections ?? []).toEqual([]);
    expect(out.rows.map((r) => [r.id, r.unclaimed0, r.unclaimed1, r.unclaimed_usd, r.note])).toEqual([
      ['b', '0', '0', 0, 'position burned by the end of block 20: nothing left to collect'],
      // Only tokensOwed1 = 1 is left, and token1 has no price: the amounts stand, the USD value is empty.
      ['c', '0', '1', null, 'no USD value: token1: no pool pairs 0xt1'],
    ]);
  });
});
