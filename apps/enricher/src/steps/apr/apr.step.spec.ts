import { ratio } from '@lib/v3-math';
import type { PoolEventRecord } from '@lib/kafka';
import type { PoolDirectoryRepository, PoolPriceSource, PricingConfig } from '@lib/pricing';
import type { AprRepository } from './apr.repository';
import { AprStep, type AprChunkFacts, type AprPoolDayFact } from './apr.step';

const E18 = 10n ** 18n;
const DAY = 86_400;
const D = 1_704_067_200; // 2024-01-01 (a 31-day month)
const step = new AprStep(
  {} as AprRepository,
  {} as PoolDirectoryRepository,
  {} as PoolPriceSource,
  { usdStablecoins: [], wrappedNative: '0xw' } as PricingConfig,
);

const usd = (n: bigint) => ({ ok: true as const, usdPerToken: ratio(n), via: [] });
const dayFact = (day: number): AprPoolDayFact => ({
  pool: '0xp',
  day,
  endBlock: 100,
  token0: { decimals: { ok: true, decimals: 18 }, price: usd(1n) },
  token1: { decimals: { ok: true, decimals: 18 }, price: usd(2n) },
  rflrPrice: { ok: true, usdPerToken: ratio(1n, 2n), via: [] },
  incentives: [{ start: D - 10 * DAY, end: null, isActive: true, rewardUsdPerDay: ratio(10n), source: 'programme P' }],
  rflrMonthRaw: 31n * E18,
});
const chunk: AprChunkFacts = {
  days: [dayFact(D), dayFact(D + DAY)],
  // 1000 token0 and 500 token1 come in on the first day; nothing moves on the second.
  flows: new Map([['0xp', [{ dayStart: D, net0: 1000n * E18, net1: 500n * E18 }]]]),
  // 1000 token0 in at 1 USD, fee tier 0.3 %: 3 USD of fees on the first day.
  swaps: [{ pool: '0xp', timestamp: D + 3600, amountIn: 1000n * E18, decimals: { ok: true, decimals: 18 }, price: usd(1n), fee: 3000 }],
};

describe('AprStep', () => {
  it('compute: TVL 1000·1 + 500·2 = 2000 USD; fees 3 USD → fee APR 3/2000·365; 10 USD incentives + 31 rFLR/31 days at 0.5 USD → incentive APR 10.5/2000·365', () => {
    const { rows } = step.compute([chunk]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      pool: '0xp',
      day: '2024-01-01',
      end_block: 100,
      balance0: (1000n * E18).toString(),
      balance1: (500n * E18).toString(),
      price0_usd: 1,
      price1_usd: 2,
      tvl_usd: '2000.000000000000000000',
      fees_usd: '3.000000000000000000',
      incentive_usd_per_day: '10.000000000000000000',
      rflr_usd_per_day: '0.500000000000000000',
      reason: null,
    });
    expect(rows[0].fee_apr).toBeCloseTo((3 / 2000) * 365, 12);
    expect(rows[0].incentive_apr).toBeCloseTo((10.5 / 2000) * 365, 12);
    expect(rows[0].rflr_apr).toBeCloseTo((0.5 / 2000) * 365, 12);
    expect(rows[0].total_apr).toBeCloseTo((13.5 / 2000) * 365, 12);
    // The second day holds the same balances and has no swaps of its own.
    expect(rows[1]).toMatchObject({
      day: '2024-01-02',
      balance0: (1000n * E18).toString(),
      tvl_usd: '2000.000000000000000000',
      fees_usd: '0.000000000000000000',
      fee_apr: 0,
    });
  });

  it('compute: without a pool event before the day end no price counts: NULL APRs and the reason', () => {
    const [row] = step.compute([{ ...chunk, days: [{ ...dayFact(D), endBlock: null }] }]).rows;
    expect(row).toMatchObject({
      day: '2024-01-01',
      end_block: null,
      price0_usd: null,
      tvl_usd: null,
      fee_apr: null,
      total_apr: null,
      fees_usd: '3.000000000000000000',
      reason: 'no TVL: token0: no pool event before the end of 2024-01-01',
    });
  });

  it('compute: a programme running that day without a USD value: fee and rFLR APRs, incentive and total APR NULL with the reason; no crash', () => {
    const unknown = {
      start: D - 10 * DAY,
      end: null,
      isActive: true,
      rewardUsdPerDay: null,
      source: 'snapshot of 2023-12-31T12:00:00.000Z of reward token 0xr',
    };
    const [row] = step.compute([{ ...chunk, days: [{ ...dayFact(D), incentives: [unknown] }] }]).rows;
    expect(row).toMatchObject({
      tvl_usd: '2000.000000000000000000',
      incentive_usd_per_day: null,
      rflr_usd_per_day: '0.500000000000000000',
      incentive_apr: null,
      total_apr: null,
      reason: 'no incentive APR: no USD value of the incentive snapshot of 2023-12-31T12:00:00.000Z of reward token 0xr ("rewardUsdPerDay" NULL)',
    });
    expect(row.fee_apr).toBeCloseTo((3 / 2000) * 365, 12);
    expect(row.rflr_apr).toBeCloseTo((0.5 / 2000) * 365, 12);
  });

  it('compute: a day end whose block cannot be placed (no block time): no price counts, the block-time reason', () => {
    const reason = 'no block time for block 99 (run the block-time fill)';
    const [row] = step.compute([{ ...chunk, days: [{ ...dayFact(D), endBlock: null, endBlockReason: reason }] }]).rows;
    expect(row).toMatchObject({ end_block: null, tvl_usd: null, fee_apr: null, reason: `no TVL: token0: ${reason}` });
  });

  it('compute: passes on the records load rejected (their pool has an event without a block time)', () => {
    const rejections = [{ offset: '7', reason: "pool 0xp's events cannot be placed in days: no block time for block 99 (run the block-time fill)" }];
    const out = step.compute([chunk, { days: [], flows: new Map(), swaps: [], rejections }]);
    expect(out.rows).toHaveLength(2);
    expect(out.rejections).toEqual(rejections);
  });

  it('screen: a Mint, Swap or Collect without integer amounts is rejected with the reason; other events pass', () => {
    const e = (eventName: string, amount0: string | null) => ({ id: 'e1', eventName, amount0, amount1: '5' }) as PoolEventRecord;
    expect(step.screen(e('Swap', '-12'))).toBeUndefined();
    expect(step.screen(e('Initialize', null))).toBeUndefined();
    expect(step.screen(e('Swap', '1.5'))).toBe('Swap e1 has no integer amounts (amount0 1.5, amount1 5): not in the balances');
    expect(step.screen(e('Collect', null))).toBe('Collect e1 has no integer amounts (amount0 null, amount1 5): not in the balances');
  });
});
