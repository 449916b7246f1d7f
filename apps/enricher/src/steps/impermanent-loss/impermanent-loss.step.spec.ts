import { ratio } from '@lib/v3-math';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import type { PoolState, PriceResult } from '@lib/pricing';
import { ImpermanentLossStep, type ImpermanentLossEventFact } from './impermanent-loss.step';

const Q96 = 2n ** 96n;
const E18 = 10n ** 18n;
// compute is pure: no repository, directory or price source is touched.
const step = new ImpermanentLossStep(null as never, null as never, null as never, null as never);

const event = (
  id: string,
  eventType: string,
  blockNumber: number,
  liquidityDelta: string,
  amount0: string,
  amount1: string,
): AttributedPositionEventRecord => ({
  id,
  tokenId: '7',
  pool: '0xpool',
  blockNumber,
  txHash: '0xt',
  logIndex: 0,
  timestamp: 1_700_000_000 + blockNumber,
  eventType,
  sender: null,
  owner: null,
  recipient: null,
  tickLower: null,
  tickUpper: null,
  tick: null,
  liquidityDelta,
  amount0,
  amount1,
  sqrtPriceX96: null,
  price1Per0: null,
  usdValue: null,
  metadata: null,
  positionManager: '0xMGR',
  dex: 'enosys',
  token0: '0xt0',
  token1: '0xt1',
  fee: 3000,
  positionTickLower: -887220,
  positionTickUpper: 887220,
});

// Price 4 token1 per token0: √P = 2, so sqrtPriceX96 = 2·2^96; token0 is worth $4, token1 $1.
const price4: PoolState = {
  pool: '0xpool',
  sqrtPriceX96: 2n * Q96,
  tick: 13863,
  liquidity: null,
  source: { id: 's', eventName: 'Swap', blockNumber: 11, logIndex: 0 },
};
const usd = (n: bigint): PriceResult => ({ ok: true, usdPerToken: ratio(n), via: [] });
const fact = (offset: string, e: AttributedPositionEventRecord, poolPrice: PoolState | null = price4): ImpermanentLossEventFact => ({
  offset,
  event: e,
  poolPrice,
  decimals0: { ok: true, decimals: 18 },
  decimals1: { ok: true, decimals: 18 },
  price0: usd(4n),
  price1: usd(1n),
});

describe('ImpermanentLossStep.compute', () => {
  it('folds the stored history with the batch own events and values principal against HODL (hand-worked)', () => {
    // Stored: MINT of L = 1e18 paying 1 token0 + 1 token1. The batch brings an INCREASE not yet
    // visible in attributed_event (+1e18, 1 + 1) and a DECREASE of 1e18 releasing 0.5 token0 + 2 token1.
    const mint = {
      id: 'mint',
      blockNumber: 10,
      logIndex: 0,
      eventType: 'MINT',
      liquidityDelta: E18.toString(),
      amount0: E18.toString(),
      amount1: E18.toString(),
    };
    const increase = event('inc', 'INCREASE', 12, E18.toString(), E18.toString(), E18.toString());
    const decrease = event('dec', 'DECREASE', 13, (-E18).toString(), (E18 / 2n).toString(), (2n * E18).toString());
    const out = step.compute({ events: [fact('5', increase), fact('6', decrease)], histories: new Map([['0xmgr:7', [mint]]]) });
    expect(out.rejections).toEqual([]);
    expect(out.rows.map((r) => [r.id, r.position_manager, r.liquidity, r.net_deposit0, r.net_deposit1])).toEqual([
      ['inc', '0xmgr', (2n * E18).toString(), (2n * E18).toString(), (2n * E18).toString()],
      ['dec', '0xmgr', E18.toString(), ((3n * E18) / 2n).toString(), '0'],
    ]);
    // After the INCREASE: L = 2 at √P = 2 holds L/√P = 1 token0 + L·√P = 4 token1 = $8; HODL 2·$4 + 2·$1 = $10.
    const [inc, dec] = out.rows;
    expect(inc.value_hodl_usd).toBe(10);
    expect(inc.value_position_usd).toBeCloseTo(8, 4);
    expect(inc.il_usd).toBeCloseTo(-2, 4);
    expect(inc.il_pct).toBeCloseTo(-0.2, 4);
    // After the DECREASE: L = 1 holds 0.5 token0 + 2 token1 = $4; HODL 1.5·$4 + 0·$1 = $6.
    expect(dec.value_hodl_usd).toBe(6);
    expect(dec.value_position_usd).toBeCloseTo(4, 4);
    expect(dec.il_usd).toBeCloseTo(-2, 4);
    expect(dec.il_pct).toBeCloseTo(-1 / 3, 4);
  });

  it('rejects an event without a pool price, with the reason, and keeps the others', () => {
    const mint = event('mint', 'MINT', 10, E18.toString(), E18.toString(), E18.toString());
    const out = step.compute({ events: [fact('3', mint, null)], histories: new Map() });
    expect(out.rows).toEqual([]);
    expect(out.rejections).toEqual([{ offset: '3', reason: 'pool 0xpool has no price (Swap or Initialize) before 10:0' }]);
  });
});
