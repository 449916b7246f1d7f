import { ratio } from '@lib/v3-math';
import type { AttributedPositionEventRecord } from '@lib/kafka';
import type { PoolState, PriceResult } from '@lib/pricing';
import type { LedgerState } from './position-ledger';
import type { SnapshotKey } from './position-snapshot-row';
import { PositionSnapshotsStep, type SnapshotFact } from './position-snapshots.step';

const Q96 = 2n ** 96n;
const usd = (n: bigint): PriceResult => ({ ok: true, usdPerToken: ratio(n), via: [] });
const event = (id: string): AttributedPositionEventRecord => ({
  id,
  tokenId: '7',
  pool: '0xpool',
  blockNumber: 10,
  txHash: '0xt',
  logIndex: 2,
  timestamp: 1000,
  eventType: 'COLLECT',
  sender: null,
  owner: null,
  recipient: null,
  tickLower: null,
  tickUpper: null,
  tick: null,
  liquidityDelta: null,
  amount0: '96',
  amount1: '200',
  sqrtPriceX96: null,
  price1Per0: null,
  usdValue: null,
  metadata: null,
  positionManager: '0xMGR',
  dex: 'enosys',
  token0: '0xt0',
  token1: '0xt1',
  fee: 3000,
  positionTickLower: -10,
  positionTickUpper: 20,
});
const key = (kind: SnapshotKey['kind'], snapshotTime: number, eventId: string | null): SnapshotKey => ({
  positionManager: '0xmgr',
  tokenId: '7',
  kind,
  snapshotTime,
  blockNumber: 10,
  logIndex: kind === 'event' ? 2 : -1,
  eventId,
});
const emptied: LedgerState = {
  liquidity: 0n,
  deposited0: 100n,
  deposited1: 200n,
  withdrawn0: 100n,
  withdrawn1: 200n,
  collected0: 96n,
  collected1: 200n,
  burned: false,
};
const open: LedgerState = { ...emptied, liquidity: 5n, withdrawn0: 0n, withdrawn1: 0n, collected0: 0n, collected1: 0n };
const price: PoolState = { pool: '0xpool', sqrtPriceX96: Q96, tick: 5, liquidity: null, source: { id: 's', eventName: 'Swap', blockNumber: 9, logIndex: 0 } };
const snapshot = (k: SnapshotKey, ledger: LedgerState, poolPrice: PoolState | null, offset?: string): SnapshotFact => ({
  key: k,
  position: { pool: '0xpool', tickLower: -10, tickUpper: 20 },
  ledger,
  rpcBlock: 10,
  offset,
  poolPrice,
  feeState: { kind: 'empty', position: { liquidity: 0n, feeGrowthInside0LastX128: 0n, feeGrowthInside1LastX128: 0n, tokensOwed0: 4n, tokensOwed1: 0n } },
  poolPosition: null,
  decimals0: { ok: true, decimals: 0 },
  decimals1: { ok: true, decimals: 0 },
  price0: usd(2n),
  price1: usd(3n),
});

describe('PositionSnapshotsStep.compute', () => {
  // compute is pure: no repository, reader or price source is touched.
  const step = new PositionSnapshotsStep(null as never, null as never, null as never, null as never, null as never, null as never);

  it('rows for what can be computed, rejections for records, the log for day ends, and the burned positions (hand-worked)', () => {
    const out = step.compute({
      records: [
        { offset: '1', event: event('e1') },
        { offset: '2', event: event('e2') },
        { offset: '3', event: event('e3') },
      ],
      snapshots: [
        snapshot(key('event', 1000, 'e1'), emptied, price, '1'),
        // Liquidity but no pool price: the event's record is rejected; a day end has none, it is skipped.
        snapshot(key('event', 1000, 'e2'), open, null, '2'),
        snapshot(key('day-end', 86_400, null), open, null),
      ],
      burned: [{ positionManager: '0xmgr', tokenId: '8', burnTime: 2000 }],
    });
    expect(out.rejections).toEqual([
      { offset: '2', reason: 'pool 0xpool has no price (Swap or Initialize) before 0xmgr:7 event at 1000' },
      // e3 has no snapshot planned: its position's history does not hold it.
      { offset: '3', reason: 'event e3 is not in the history of 0xmgr:7' },
    ]);
    // The emptied position: no amounts; only 4 token0 owed, worth 4·$2 = $8; tick 5 in [−10, 20).
    expect(out.rows).toEqual([
      { burned: { positionManager: '0xmgr', tokenId: '8', burnTime: 2000 } },
      {
        row: {
          position_manager: '0xmgr',
          token_id: '7',
          kind: 'event',
          snapshot_time: 1000,
          block_number: 10,
          log_index: 2,
          event_id: 'e1',
          pool: '0xpool',
          liquidity: '0',
          amount0: '0',
          amount1: '0',
          price0_usd: 2,
          price1_usd: 3,
          value_usd: 0,
          unclaimed0: '4',
          unclaimed1: '0',
          unclaimed_usd: 8,
          tick: 5,
          range_status: 'IN_RANGE',
          deposited0: '100',
          deposited1: '200',
          withdrawn0: '100',
          withdrawn1: '200',
          collected0: '96',
          collected1: '200',
          rpc_block: 10,
          note: null,
        },
      },
      { skipped: 'skipped day-end snapshot: pool 0xpool has no price (Swap or Initialize) before 0xmgr:7 day-end at 86400' },
    ]);
  });

  it("the sink deletes the burned positions' impossible snapshots and upserts the rows in the one transaction it is given", async () => {
    const write = jest.fn().mockResolvedValue(undefined);
    const withSink = new PositionSnapshotsStep({ write } as never, null as never, null as never, null as never, null as never, null as never);
    const tx = { query: jest.fn() };
    const burned = { positionManager: '0xmgr', tokenId: '8', burnTime: 2000 };
    const row = { position_manager: '0xmgr' } as never;
    await withSink.sink.write(tx, [{ burned }, { row }, { skipped: 'skipped as-of snapshot: x' }]);
    expect(write).toHaveBeenCalledWith(tx, [row], [burned]);
  });
});
