import { ratio } from '@lib/v3-math';
import type { PoolPriceSource, PricingConfig } from '@lib/pricing';
import type { ChainTimeRepository } from '@lib/position';
import type { RflrVestingRepository } from './rflr-vesting.repository';
import { RflrVestingStep, type VestingFact } from './rflr-vesting.step';

const E18 = 10n ** 18n;
const DAY = 86_400;
const step = new RflrVestingStep(
  {} as RflrVestingRepository,
  {} as PoolPriceSource,
  {} as ChainTimeRepository,
  { usdStablecoins: [], wrappedNative: '0xw' } as PricingConfig,
);

describe('RflrVestingStep.compute', () => {
  it('vests each counted allocation linearly over 360 days, pays half the locked part, and prices rFLR as WFLR', () => {
    // 360 rFLR assigned at day 0, seen at day 90: 90/360 vested = 90; locked 270; claimable 90 + 270/2 = 225.
    // A second allocation assigned after the as-of time does not count yet.
    const fact: VestingFact = {
      position: { positionManager: '0xPM', tokenId: '12' },
      asOf: 90 * DAY,
      priceBlock: 40,
      allocations: [
        { monthStart: 0, amountRaw: 360n * E18 },
        { monthStart: 91 * DAY, amountRaw: 1000n * E18 },
      ],
      wflr: { ok: true, usdPerToken: ratio(1n, 2n), via: ['0xpool'] },
    };
    expect(step.compute([fact])).toEqual({
      rows: [
        {
          position_manager: '0xpm',
          token_id: '12',
          as_of: 90 * DAY,
          allocations: 1,
          earned_raw: (360n * E18).toString(),
          vested_raw: (90n * E18).toString(),
          locked_raw: (270n * E18).toString(),
          claimable_raw: (225n * E18).toString(),
          rflr_price_usd: 0.5,
          earned_usd: 180,
          vested_usd: 45,
          locked_usd: 135,
          claimable_usd: 112.5,
          price_block: 40,
          note: null,
        },
      ],
    });
  });

  it('writes zeros for a position without allocations and, without a WFLR price, NULL USD columns and the reason (the step rejects nothing)', () => {
    const fact: VestingFact = {
      position: { positionManager: '0xpm', tokenId: '3' },
      asOf: 5 * DAY,
      priceBlock: 0,
      allocations: [],
      wflr: { ok: false, reason: 'no pool pairs 0xw' },
    };
    const { rows, rejections } = step.compute([fact]);
    expect(rejections ?? []).toEqual([]);
    expect(rows).toEqual([
      {
        position_manager: '0xpm',
        token_id: '3',
        as_of: 5 * DAY,
        allocations: 0,
        earned_raw: '0',
        vested_raw: '0',
        locked_raw: '0',
        claimable_raw: '0',
        rflr_price_usd: null,
        earned_usd: null,
        vested_usd: null,
        locked_usd: null,
        claimable_usd: null,
        price_block: 0,
        note: 'no USD price of WFLR: no pool pairs 0xw',
      },
    ]);
  });
});
