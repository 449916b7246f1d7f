import { ratio } from '@lib/v3-math';
import { rflrVestingRow } from './vesting-row';

const E18 = 10n ** 18n;
const state = { allocations: 2, earned: 100n * E18, vested: 40n * E18, locked: 60n * E18, claimable: 70n * E18 };
const position = { positionManager: '0xABC', tokenId: '7' };

describe('rflrVestingRow', () => {
  it('prices rFLR as WFLR: 0.02 USD each', () => {
    const row = rflrVestingRow(position, 1000, state, { ok: true, usdPerToken: ratio(2n, 100n), via: ['0xpool'] }, 55);
    expect(row).toEqual({
      position_manager: '0xabc',
      token_id: '7',
      as_of: 1000,
      allocations: 2,
      earned_raw: (100n * E18).toString(),
      vested_raw: (40n * E18).toString(),
      locked_raw: (60n * E18).toString(),
      claimable_raw: (70n * E18).toString(),
      rflr_price_usd: 0.02,
      earned_usd: 2,
      vested_usd: 0.8,
      locked_usd: 1.2,
      claimable_usd: 1.4,
      price_block: 55,
      note: null,
    });
  });

  it('keeps the raw amounts and gives the reason when WFLR has no price', () => {
    const row = rflrVestingRow(position, 1000, state, { ok: false, reason: 'no pool pairs 0xw' }, 55);
    expect(row).toMatchObject({
      earned_raw: (100n * E18).toString(),
      rflr_price_usd: null,
      earned_usd: null,
      claimable_usd: null,
      note: 'no USD price of WFLR: no pool pairs 0xw',
    });
  });
});
