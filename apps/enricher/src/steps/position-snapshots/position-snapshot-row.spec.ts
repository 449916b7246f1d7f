import { ratio } from '@lib/v3-math';
import { positionSnapshotRow, type PositionSnapshotInputs } from './position-snapshot-row';

const Q96 = 2n ** 96n;
const Q128 = 2n ** 128n;
const ledger = { liquidity: 10n ** 18n, deposited0: 5n, deposited1: 6n, withdrawn0: 1n, withdrawn1: 2n, collected0: 3n, collected1: 4n, burned: false };
const base: PositionSnapshotInputs = {
  key: { positionManager: '0xm', tokenId: '7', kind: 'day-end', snapshotTime: 86_400, blockNumber: 10, logIndex: -1, eventId: null },
  position: { pool: '0xp', tickLower: -887220, tickUpper: 887220 },
  ledger,
  poolPrice: { sqrtPriceX96: Q96, tick: 0 },
  feeState: {
    kind: 'live',
    position: { liquidity: 10n ** 18n, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, tokensOwed0: 7n, tokensOwed1: 0n },
    pool: { tick: 0, feeGrowthGlobal0X128: Q128, feeGrowthGlobal1X128: 0n },
    lower: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n },
    upper: { feeGrowthOutside0X128: 0n, feeGrowthOutside1X128: 0n },
  },
  poolPosition: null,
  rpcBlock: 10,
  decimals0: { ok: true, decimals: 18 },
  decimals1: { ok: true, decimals: 18 },
  price0: { ok: true, usdPerToken: ratio(2n), via: [] },
  price1: { ok: true, usdPerToken: ratio(3n), via: [] },
};

function row(x: PositionSnapshotInputs) {
  const out = positionSnapshotRow(x);
  if (!('row' in out)) throw new Error(out.reason);
  return out.row;
}

describe('positionSnapshotRow', () => {
  it('full range at price 1 holds ≈ L of each token, valued at both prices; fees are step 5’s', () => {
    const r = row(base);
    expect(BigInt(r.amount0)).toBeGreaterThan(10n ** 18n - 10n ** 13n);
    expect(BigInt(r.amount0)).toBeLessThanOrEqual(10n ** 18n);
    expect(r.value_usd).toBeCloseTo(5, 4);
    // L·1 unit of growth + 7 owed.
    expect(r).toMatchObject({ unclaimed0: String(10n ** 18n + 7n), unclaimed1: '0', tick: 0, range_status: 'IN_RANGE', rpc_block: 10, note: null });
    expect(r.unclaimed_usd).toBeCloseTo(2, 9);
    expect(r).toMatchObject({
      deposited0: '5',
      deposited1: '6',
      withdrawn0: '1',
      withdrawn1: '2',
      collected0: '3',
      collected1: '4',
      log_index: -1,
      kind: 'day-end',
    });
  });

  it('caps unclaimed fees at what the pool owes the manager for the range', () => {
    const poolPosition = { liquidity: 10n ** 18n, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, tokensOwed0: 6n, tokensOwed1: 0n };
    expect(row({ ...base, poolPosition }).unclaimed0).toBe(String(10n ** 18n + 6n));
  });

  it('out of range above: all token1, OUT_OF_RANGE', () => {
    const r = row({ ...base, position: { ...base.position, tickLower: -1200, tickUpper: -600 } });
    expect(r.amount0).toBe('0');
    expect(r.range_status).toBe('OUT_OF_RANGE');
  });

  it('a missing USD price empties only the USD columns, with the reason', () => {
    const r = row({ ...base, price1: { ok: false, reason: 'no pool pairs 0xt' } });
    expect(r).toMatchObject({ value_usd: null, unclaimed_usd: null, price1_usd: null, price0_usd: 2, note: 'no USD value: token1: no pool pairs 0xt' });
    expect(BigInt(r.amount1)).toBeGreaterThan(0n);
  });

  it('an emptied or burned position needs no pool price', () => {
    const r = row({ ...base, ledger: { ...ledger, liquidity: 0n, burned: true }, poolPrice: null, feeState: { kind: 'burned' } });
    expect(r).toMatchObject({ amount0: '0', amount1: '0', value_usd: 0, range_status: null, unclaimed0: '0', note: expect.stringMatching(/burned/) });
  });

  it('gives the reason for a live position without a pool price or with negative liquidity', () => {
    expect(positionSnapshotRow({ ...base, poolPrice: null })).toEqual({ reason: expect.stringMatching(/no price/) });
    expect(positionSnapshotRow({ ...base, ledger: { ...ledger, liquidity: -1n } })).toEqual({ reason: expect.stringMatching(/negative/) });
  });
});
