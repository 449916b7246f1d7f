import { ratio } from '@lib/v3-math';
import type { PositionHistoryEvent } from '@lib/position';
import { positionHealthRow, type PositionHealthInputs } from './position-health-row';

const Q96 = 2n ** 96n;
const E18 = 10n ** 18n;
const DAY = 86_400;
const ev = (id: string, blockNumber: number, eventType: string, liquidityDelta: string | null, amount0: string, amount1: string): PositionHistoryEvent => ({
  id,
  blockNumber,
  logIndex: 0,
  eventType,
  liquidityDelta,
  amount0,
  amount1,
});

const base: PositionHealthInputs = {
  position: { positionManager: '0xM', tokenId: '7', pool: '0xp', tickLower: -600, tickUpper: 600 },
  asOf: 100 * DAY,
  at: { blockNumber: 50, logIndex: 0 },
  poolState: { sqrtPriceX96: Q96, tick: 0 },
  opening: { timestamp: 98 * DAY, tickAtOpen: 0 },
  changes: [],
  history: [ev('mint', 10, 'MINT', E18.toString(), '0', '0')],
  decimals0: { ok: true, decimals: 18 },
  decimals1: { ok: true, decimals: 18 },
  price0: { ok: true, usdPerToken: ratio(1n), via: [] },
  price1: { ok: true, usdPerToken: ratio(1n), via: [] },
};

describe('positionHealthRow', () => {
  it('a position at the centre, always in range, without loss scores 100 on every component', () => {
    // Deposits stated as 0/0 would make HODL 0 and any principal a gain: no loss.
    const row = positionHealthRow(base);
    expect(row).toMatchObject({
      position_manager: '0xm',
      token_id: '7',
      as_of: 100 * DAY,
      tick: 0,
      window_seconds_in_range: 2 * DAY,
      window_seconds_open: 2 * DAY,
      time_in_range_score: 100,
      edge_distance_score: 100,
      fees_vs_il_score: 100,
      score: 100,
      note: null,
    });
  });

  it('hand check: price ×4 on a full-range position (IL −1 USD), 0.5 USD of fees → (c) = 50', () => {
    const row = positionHealthRow({
      ...base,
      position: { ...base.position, tickLower: -887220, tickUpper: 887220 },
      poolState: { sqrtPriceX96: 2n * Q96, tick: 13863 },
      history: [ev('mint', 10, 'MINT', E18.toString(), E18.toString(), E18.toString()), ev('col', 20, 'COLLECT', null, '0', (E18 / 2n).toString())],
      price0: { ok: true, usdPerToken: ratio(4n), via: [] },
    });
    expect(row.il_usd).toBeCloseTo(-1, 4);
    expect(row.fees_usd).toBe(0.5);
    expect(row.fees_vs_il_score).toBeCloseTo(50, 3);
    // (b): 100 · (887220 − 13863) / 887220
    expect(row.edge_distance_score).toBeCloseTo((100 * (887220 - 13863)) / 887220, 9);
    expect(row.score).toBeCloseTo(0.5 * 100 + 0.3 * row.edge_distance_score! + 0.2 * row.fees_vs_il_score!, 9);
  });

  it('out of range: (b) is 0 and the 7-day share counts the time out', () => {
    const row = positionHealthRow({ ...base, poolState: { sqrtPriceX96: Q96, tick: 600 }, changes: [{ timestamp: 99 * DAY, tick: 600 }] });
    expect(row).toMatchObject({ edge_distance_score: 0, time_in_range_score: 50, window_seconds_in_range: DAY });
  });

  it('without a USD price (c) is null, with the reason, and the score renormalises over (a) and (b)', () => {
    const row = positionHealthRow({ ...base, poolState: { sqrtPriceX96: Q96, tick: 300 }, price1: { ok: false, reason: 'no pool pairs 0xt' } });
    expect(row.fees_vs_il_score).toBeNull();
    expect(row.il_usd).toBeNull();
    expect(row.note).toMatch(/no pool pairs 0xt/);
    // (0.5·100 + 0.3·50) / 0.8
    expect(row.score).toBeCloseTo(65 / 0.8, 9);
  });

  it('without a pool price (b) and (c) are null; (a) stays', () => {
    const row = positionHealthRow({ ...base, poolState: null, opening: { timestamp: 98 * DAY, tickAtOpen: null } });
    expect(row).toMatchObject({ tick: null, edge_distance_score: null, fees_vs_il_score: null, time_in_range_score: 0, score: 0 });
  });
});
