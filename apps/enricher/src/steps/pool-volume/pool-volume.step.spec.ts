import { ratio } from '@lib/v3-math';
import type { PoolEventRecord } from '@lib/kafka';
import type { PriceResult } from '@lib/pricing';
import { PoolVolumeStep, type SwapEventFact } from './pool-volume.step';

// compute and screen are pure: no repository, directory or price source is touched.
const step = new PoolVolumeStep(null as never, null as never, null as never);

/** 2026-01-01T01:30Z */
const HALF_PAST_ONE = Date.UTC(2026, 0, 1, 1, 30) / 1000;

const swap = (id: string, pool: string, amount0: string, amount1: string, eventName = 'Swap'): PoolEventRecord => ({
  id,
  pool,
  blockNumber: 100,
  txHash: '0xt',
  logIndex: 3,
  timestamp: HALF_PAST_ONE,
  eventName,
  sender: null,
  owner: null,
  recipient: null,
  tickLower: null,
  tickUpper: null,
  amount: null,
  amount0,
  amount1,
  sqrtPriceX96: null,
  liquidity: null,
  tick: null,
});
const usdt = { ok: true, decimals: 6 } as const;
const wflr = { ok: true, decimals: 18 } as const;
const dollar: PriceResult = { ok: true, usdPerToken: ratio(1n), via: [] };

describe('PoolVolumeStep', () => {
  it('screens out a Swap without a single input side and lets other pool events through', () => {
    expect(step.screen(swap('x', '0xp', '1', '2'))).toBe('Swap x: no single input side (amount0 1, amount1 2)');
    expect(step.screen(swap('x', '0xp', '1', '-2'))).toBeUndefined();
    expect(step.screen(swap('m', '0xp', '1', '2', 'Mint'))).toBeUndefined();
  });

  it('values the input side at its price, fees by the tier; an unknown pool and a missing price are rejected (hand-worked)', () => {
    const facts: SwapEventFact[] = [
      // 2 USDT in at $1 through a 0.3 % pool: $2 volume, $0.006 fees.
      {
        offset: '1',
        event: swap('s1', '0xPoolA', '2000000', '-999'),
        input: { side: 0, amountIn: 2_000_000n },
        pool: { token0: '0xusdt', token1: '0xwflr', fee: 3000 },
        valuation: { tokenIn: '0xusdt', decimals: usdt, price: dollar },
      },
      // 3 WFLR in at $0.02 through a 0.05 % pool: $0.06 volume, $0.00003 fees.
      {
        offset: '2',
        event: swap('s2', '0xpoolb', '-5', '3000000000000000000'),
        input: { side: 1, amountIn: 3n * 10n ** 18n },
        pool: { token0: '0xusdt', token1: '0xwflr', fee: 500 },
        valuation: { tokenIn: '0xwflr', decimals: wflr, price: { ok: true, usdPerToken: ratio(1n, 50n), via: ['0xq', '0xr'] } },
      },
      {
        offset: '3',
        event: swap('s3', '0xpoolb', '7', '-1'),
        input: { side: 0, amountIn: 7n },
        pool: { token0: '0xusdt', token1: '0xwflr', fee: 500 },
        valuation: { tokenIn: '0xusdt', decimals: usdt, price: { ok: false, reason: 'no pool pairs 0xusdt' } },
      },
      { offset: '4', event: swap('s4', '0xNope', '7', '-1'), input: { side: 0, amountIn: 7n }, pool: null, valuation: null },
    ];
    const out = step.compute(facts);
    const common = { block_number: 100, log_index: 3, timestamp: HALF_PAST_ONE, hour_start: '2026-01-01T01:00:00.000Z' };
    expect(out.rows).toEqual([
      {
        ...common,
        id: 's1',
        pool: '0xpoola',
        token_in: '0xusdt',
        amount_in: '2000000',
        price_usd: 1,
        volume_usd: '2.000000000000000000',
        fees_usd: '0.006000000000000000',
        price_via: 'usd',
      },
      {
        ...common,
        id: 's2',
        pool: '0xpoolb',
        token_in: '0xwflr',
        amount_in: '3000000000000000000',
        price_usd: 0.02,
        volume_usd: '0.060000000000000000',
        fees_usd: '0.000030000000000000',
        price_via: '0xq>0xr',
      },
    ]);
    // Unknown pools are rejected before any valuation, as the step always did.
    expect(out.rejections).toEqual([
      { offset: '4', reason: 'Swap s4: pool 0xNope is not in "Pool"' },
      { offset: '3', reason: 'cannot value Swap s3: no pool pairs 0xusdt' },
    ]);
  });
});
