import type { Address, Hex } from 'viem';
import { positionManagerLogRows, ZERO_ADDRESS, type PositionManagerLog } from './position-manager-log-rows';

const MANAGER = '0xAbCdEf0000000000000000000000000000000001' as Address;
const OTHER_MANAGER = '0x00000000000000000000000000000000000000B2' as Address;
const ALICE = '0xA11CE00000000000000000000000000000000001' as Address;
const BOB = '0x0000000000000000000000000000000000000B0B' as Address;
const TX1 = ('0x' + '11'.repeat(32)) as Hex;
const TX2 = ('0x' + '22'.repeat(32)) as Hex;
const timestamps = new Map([
  [100, 1_700_000_000],
  [101, 1_700_000_002],
]);

function at(tx: Hex, logIndex: number, blockNumber = 100, address: Address = MANAGER) {
  return { address, blockNumber: BigInt(blockNumber), transactionHash: tx, logIndex };
}

const mintTransfer = (tx: Hex, logIndex: number, tokenId: bigint, address: Address = MANAGER): PositionManagerLog => ({
  ...at(tx, logIndex, 100, address),
  eventName: 'Transfer',
  args: { from: ZERO_ADDRESS, to: ALICE, tokenId },
});
const increase = (tx: Hex, logIndex: number, tokenId: bigint, liquidity: bigint, blockNumber = 100, address: Address = MANAGER): PositionManagerLog => ({
  ...at(tx, logIndex, blockNumber, address),
  eventName: 'IncreaseLiquidity',
  args: { tokenId, liquidity, amount0: 10n, amount1: 20n },
});

describe('positionManagerLogRows', () => {
  it('maps the mint transaction: Transfer from 0x0 → PositionTransfer, first IncreaseLiquidity → MINT owned by the recipient', () => {
    const out = positionManagerLogRows([mintTransfer(TX1, 3, 7n), increase(TX1, 5, 7n, 1000n)], { dex: 'enosys', timestamps });
    expect(out.skipped).toEqual([]);
    expect(out.positionEvents).toEqual([
      {
        id: `${TX1}:5`,
        tokenId: '7',
        pool: 'unknown',
        blockNumber: 100,
        txHash: TX1,
        logIndex: 5,
        timestamp: 1_700_000_000,
        eventType: 'MINT',
        sender: null,
        owner: ALICE.toLowerCase(),
        recipient: null,
        tickLower: null,
        tickUpper: null,
        tick: null,
        liquidityDelta: '1000',
        amount0: '10',
        amount1: '20',
        sqrtPriceX96: null,
        price1Per0: null,
        usdValue: null,
        metadata: { positionManager: MANAGER.toLowerCase(), dex: 'enosys' },
      },
    ]);
    expect(out.transfers).toEqual([
      {
        id: `${TX1}:3`,
        tokenId: '7',
        from: ZERO_ADDRESS,
        to: ALICE.toLowerCase(),
        blockNumber: 100,
        txHash: TX1,
        logIndex: 3,
        timestamp: 1_700_000_000,
        metadata: { positionManager: MANAGER.toLowerCase(), dex: 'enosys' },
        nfpmAddress: MANAGER.toLowerCase(),
      },
    ]);
  });

  it('calls an increase without a mint Transfer in its transaction INCREASE, with no owner', () => {
    const out = positionManagerLogRows([mintTransfer(TX1, 0, 7n), increase(TX1, 1, 7n, 5n), increase(TX2, 0, 7n, 6n, 101)], { dex: 'd', timestamps });
    expect(out.positionEvents.map((r) => [r.eventType, r.owner, r.liquidityDelta, r.timestamp])).toEqual([
      ['MINT', ALICE.toLowerCase(), '5', 1_700_000_000],
      ['INCREASE', null, '6', 1_700_000_002],
    ]);
  });

  it('calls a second increase of a token in its own mint transaction INCREASE, whatever the input order', () => {
    const out = positionManagerLogRows([increase(TX1, 9, 7n, 2n), increase(TX1, 4, 7n, 1n), mintTransfer(TX1, 2, 7n)], { dex: 'd', timestamps });
    expect(out.positionEvents.map((r) => [r.logIndex, r.eventType])).toEqual([
      [4, 'MINT'],
      [9, 'INCREASE'],
    ]);
  });

  it("keeps the same token id on two managers apart: the other manager's mint does not make this one a MINT", () => {
    const out = positionManagerLogRows([mintTransfer(TX1, 0, 7n, OTHER_MANAGER), increase(TX1, 1, 7n, 3n, 100, OTHER_MANAGER), increase(TX1, 2, 7n, 4n)], {
      dex: 'd',
      timestamps,
    });
    expect(out.positionEvents.map((r) => [r.metadata.positionManager, r.eventType])).toEqual([
      [OTHER_MANAGER.toLowerCase(), 'MINT'],
      [MANAGER.toLowerCase(), 'INCREASE'],
    ]);
  });

  it('maps DecreaseLiquidity to DECREASE with a negative liquidity delta', () => {
    const out = positionManagerLogRows(
      [
        {
          ...at(TX2, 1, 101),
          eventName: 'DecreaseLiquidity',
          args: { tokenId: 9n, liquidity: 340282366920938463463374607431768211455n, amount0: 1n, amount1: 0n },
        },
      ],
      { dex: 'd', timestamps },
    );
    expect(out.positionEvents[0]).toMatchObject({
      eventType: 'DECREASE',
      tokenId: '9',
      liquidityDelta: '-340282366920938463463374607431768211455',
      amount0: '1',
      amount1: '0',
      owner: null,
      recipient: null,
    });
  });

  it('maps Collect to COLLECT with the recipient and no liquidity delta', () => {
    const out = positionManagerLogRows([{ ...at(TX2, 2, 101), eventName: 'Collect', args: { tokenId: 9n, recipient: BOB, amount0: 123n, amount1: 456n } }], {
      dex: 'd',
      timestamps,
    });
    expect(out.positionEvents[0]).toMatchObject({
      eventType: 'COLLECT',
      recipient: BOB.toLowerCase(),
      amount0: '123',
      amount1: '456',
      liquidityDelta: null,
      owner: null,
    });
  });

  it('maps the Transfer to 0x0 to a BURN owned by the sender, and a PositionTransfer', () => {
    const out = positionManagerLogRows([{ ...at(TX2, 3, 101), eventName: 'Transfer', args: { from: ALICE, to: ZERO_ADDRESS, tokenId: 9n } }], {
      dex: 'd',
      timestamps,
    });
    expect(out.positionEvents).toHaveLength(1);
    expect(out.positionEvents[0]).toMatchObject({
      id: `${TX2}:3`,
      eventType: 'BURN',
      owner: ALICE.toLowerCase(),
      liquidityDelta: null,
      amount0: null,
      amount1: null,
    });
    expect(out.transfers).toHaveLength(1);
    expect(out.transfers[0]).toMatchObject({ id: `${TX2}:3`, from: ALICE.toLowerCase(), to: ZERO_ADDRESS });
  });

  it('maps a plain transfer to a PositionTransfer only', () => {
    const out = positionManagerLogRows([{ ...at(TX2, 3, 101), eventName: 'Transfer', args: { from: ALICE, to: BOB, tokenId: 9n } }], { dex: 'd', timestamps });
    expect(out.positionEvents).toEqual([]);
    expect(out.transfers.map((t) => [t.from, t.to, t.tokenId])).toEqual([[ALICE.toLowerCase(), BOB.toLowerCase(), '9']]);
  });

  it('skips pending logs and logs of blocks without a timestamp, with a reason', () => {
    const out = positionManagerLogRows([{ ...increase(TX1, 1, 7n, 1n), blockNumber: null }, increase(TX1, 2, 7n, 1n, 555)], { dex: 'd', timestamps });
    expect(out.positionEvents).toEqual([]);
    expect(out.skipped.map((s) => s.reason)).toEqual(['no timestamp for block 555', expect.stringMatching(/pending/)]);
  });

  it('lowercases the transaction hash in ids', () => {
    const upper = '0x' + 'AB'.repeat(32);
    const out = positionManagerLogRows([{ ...increase(TX1, 1, 7n, 1n), transactionHash: upper }], { dex: 'd', timestamps });
    expect(out.positionEvents[0].id).toBe(`${upper.toLowerCase()}:1`);
  });
});
