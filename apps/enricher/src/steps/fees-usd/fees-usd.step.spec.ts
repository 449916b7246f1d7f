import { ratio } from '@lib/v3-math';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import type { PriceResult } from '@lib/pricing';
import { FeesUsdStep, type CollectFact } from './fees-usd.step';

const E18 = 10n ** 18n;
// compute and screen are pure: no repository, directory or price source is touched.
const step = new FeesUsdStep(null as never, null as never, null as never);

const event = (id: string, eventType: string, blockNumber: number, amount0: string | null, amount1: string | null): AttributedPositionEventRecord => ({
  id,
  tokenId: '9',
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
  liquidityDelta: null,
  amount0,
  amount1,
  sqrtPriceX96: null,
  price1Per0: null,
  usdValue: null,
  metadata: null,
  positionManager: '0xMgr',
  dex: 'enosys',
  token0: '0xusdt',
  token1: '0xwflr',
  fee: 3000,
  positionTickLower: -60,
  positionTickUpper: 60,
});
const usdt: PriceResult = { ok: true, usdPerToken: ratio(1n), via: [] };
const wflr: PriceResult = { ok: true, usdPerToken: ratio(1n, 2n), via: ['0xp'] };
const collect = (offset: string, e: AttributedPositionEventRecord, price1: PriceResult = wflr): CollectFact => ({
  offset,
  event: e,
  decimals0: { ok: true, decimals: 6 },
  decimals1: { ok: true, decimals: 18 },
  price0: usdt,
  price1,
});

describe('FeesUsdStep', () => {
  it('screens out a COLLECT without raw amounts and lets other events through', () => {
    expect(step.screen(event('c', 'COLLECT', 1, null, '5'))).toBe('COLLECT c has no raw amounts (amount0 null, amount1 5)');
    expect(step.screen(event('c', 'COLLECT', 1, '-1', '5'))).toBe('COLLECT c has no raw amounts (amount0 -1, amount1 5)');
    expect(step.screen(event('c', 'COLLECT', 1, '0', '5'))).toBeUndefined();
    expect(step.screen(event('m', 'MINT', 1, null, null))).toBeUndefined();
  });

  it('splits collects into principal and fees over the stored and the batch own decreases, and prices them (hand-worked)', () => {
    // Stored: a DECREASE releasing 1 USDT + 1 WFLR. The batch: a MINT (ignored), a DECREASE of 0.5 USDT not yet stored,
    // then a COLLECT of 3 USDT + 2 WFLR (principal 1.5 USDT + 1 WFLR, fees 1.5 USDT + 1 WFLR), then a COLLECT of
    // 1 USDT (all fee: nothing owed any more) whose WFLR has no price.
    const stored = { id: 'd1', blockNumber: 10, logIndex: 0, eventType: 'DECREASE', amount0: 1_000_000n, amount1: E18 };
    const mint = event('m', 'MINT', 9, '7', '7');
    const d2 = event('d2', 'DECREASE', 11, '500000', '0');
    const c1 = event('c1', 'COLLECT', 12, '3000000', (2n * E18).toString());
    const c2 = event('c2', 'COLLECT', 13, '1000000', '0');
    const out = step.compute({
      collects: [collect('3', c1), collect('4', c2, { ok: false, reason: 'no pool pairs 0xwflr with a stablecoin' })],
      events: [mint, d2, c1, c2],
      histories: new Map([['0xmgr:9', [stored]]]),
    });
    expect(out.rows).toEqual([
      {
        id: 'c1',
        position_manager: '0xMgr',
        token_id: '9',
        pool: '0xpool',
        block_number: 12,
        log_index: 0,
        collected0: '3000000',
        collected1: (2n * E18).toString(),
        principal0: '1500000',
        principal1: E18.toString(),
        fee0: '1500000',
        fee1: E18.toString(),
        // 3·$1 + 2·$0.5 = $4; fees 1.5·$1 + 1·$0.5 = $2.
        price0_usd: 1,
        price1_usd: 0.5,
        usd_value: 4,
        fee_usd_value: 2,
        price_via: 'usd|0xp',
      },
    ]);
    expect(out.rejections).toEqual([{ offset: '4', reason: 'cannot price COLLECT c2: token1: no pool pairs 0xwflr with a stablecoin' }]);
  });

  it('writes nothing for a batch without COLLECTs', () => {
    expect(step.compute({ collects: [], events: [event('d', 'DECREASE', 1, '1', '1')], histories: new Map() })).toEqual({ rows: [], rejections: [] });
  });
});
