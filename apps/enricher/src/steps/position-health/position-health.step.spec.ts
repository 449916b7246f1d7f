import { ratio } from '@lib/v3-math';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import type { PositionHealthInputs } from './position-health-row';
import { PositionHealthStep } from './position-health.step';

const Q96 = 2n ** 96n;
const E18 = 10n ** 18n;
const DAY = 86_400;
const none = {} as never;
const step = new PositionHealthStep(none, none, none, none, none, none);

// Opened at day 95, seen at day 100: the 7-day window starts at the opening, 5 days open.
const fact: PositionHealthInputs = {
  position: { positionManager: '0xPM', tokenId: '9', pool: '0xpool', tickLower: -600, tickUpper: 600 },
  asOf: 100 * DAY,
  at: { blockNumber: 50, logIndex: 3 },
  poolState: { sqrtPriceX96: Q96, tick: 300 },
  opening: { timestamp: 95 * DAY, tickAtOpen: 0 },
  changes: [{ timestamp: 99 * DAY, tick: 300 }],
  history: [{ id: 'mint', blockNumber: 10, logIndex: 0, eventType: 'MINT', liquidityDelta: E18.toString(), amount0: '0', amount1: '0' }],
  decimals0: { ok: true, decimals: 18 },
  decimals1: { ok: true, decimals: 18 },
  price0: { ok: true, usdPerToken: ratio(1n), via: [] },
  price1: { ok: false, reason: 'no pool pairs 0xt1' },
};

describe('PositionHealthStep', () => {
  it('compute: always in range (a = 100), tick 300 in [−600, 600) (b = 100·300/600 = 50), no price of token1 (c NULL): score (0.5·100 + 0.3·50) / 0.8', () => {
    const { rows, rejections } = step.compute([fact]);
    expect(rejections ?? []).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      position_manager: '0xpm',
      token_id: '9',
      as_of: 100 * DAY,
      pool: '0xpool',
      block_number: 50,
      log_index: 3,
      tick: 300,
      tick_lower: -600,
      tick_upper: 600,
      window_seconds_in_range: 5 * DAY,
      window_seconds_open: 5 * DAY,
      time_in_range_score: 100,
      edge_distance_score: 50,
      fees_usd: null,
      il_usd: null,
      fees_vs_il_score: null,
    });
    expect(rows[0].score).toBeCloseTo(81.25, 9);
    expect(rows[0].note).toContain('no pool pairs 0xt1');
  });

  it('compute: out of range from day 98 (3 of 5 days in: a = 60, b = 0), no loss (c = 100): score 0.5·60 + 0.2·100 = 50', () => {
    const out = { ...fact, poolState: { sqrtPriceX96: Q96, tick: 700 }, changes: [{ timestamp: 98 * DAY, tick: 700 }], price1: fact.price0 };
    const [row] = step.compute([out]).rows;
    expect(row).toMatchObject({
      tick: 700,
      window_seconds_in_range: 3 * DAY,
      window_seconds_open: 5 * DAY,
      time_in_range_score: 60,
      edge_distance_score: 0,
      fees_vs_il_score: 100,
      note: null,
    });
    expect(row.score).toBeCloseTo(50, 9);
  });

  it('screen: rejects an event without a valid position range, with the reason', () => {
    const e = (lower: number, upper: number) => ({ id: 'ev1', positionTickLower: lower, positionTickUpper: upper }) as AttributedPositionEventRecord;
    expect(step.screen(e(-600, 600))).toBeUndefined();
    expect(step.screen(e(600, 600))).toBe('event ev1 has no valid position range (600, 600)');
    expect(step.screen(e(0.5, 600))).toBe('event ev1 has no valid position range (0.5, 600)');
  });
});
