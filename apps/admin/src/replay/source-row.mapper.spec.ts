import { poolEventProblem, positionEventProblem } from '@lib/kafka';
import { toPoolEventRecord, toPositionEventRecord } from './source-row.mapper';

const tx = '0x' + 'ef'.repeat(32);

describe('source rows as records: bad rows travel unchanged, for the steps to reject with a reason', () => {
  it('keeps null amounts and an unknown pool as they are', () => {
    const record = toPositionEventRecord({
      id: `${tx}:1`,
      tokenId: '5',
      pool: 'unknown',
      blockNumber: 3,
      txHash: tx,
      logIndex: 1,
      blockTime: 100,
      eventType: 'COLLECT',
      amount0: null,
      amount1: '2',
      liquidityDelta: null,
      metadata: { positionManager: '0xabc' },
    });
    expect(record).toMatchObject({ pool: 'unknown', amount0: null, amount1: '2', tickLower: null, metadata: '{"positionManager":"0xabc"}' });
    expect(positionEventProblem(record)).toBe(`PositionEvent ${tx}:1: amount0 missing, which every COLLECT has`);
  });

  it('encodes a null eventName as empty, which the record checks reject', () => {
    const record = toPoolEventRecord({ id: `${tx}:2`, pool: '0x' + '11'.repeat(20), blockNumber: 3, txHash: tx, logIndex: 2, blockTime: 100, eventName: null });
    expect(record.eventName).toBe('');
    expect(poolEventProblem(record)).toMatch(/eventName is missing/);
  });
});

/**
 * Production rows (DESIGN.md §2) as the page query returns them → the records the full shape's
 * rows give (libs/indexer full-shape-rows.ts / position-manager-log-rows.ts), written out by hand.
 */
describe('production rows normalized to the full shape', () => {
  const mintTx = '0x' + 'a1'.repeat(32);
  const manager = '0xd9770b1c7a6ccd33c75b5bcb1c0078f46be46657';
  const owner = '0x' + '42'.repeat(20);
  // The full shape's record fields that production rows never carry and the full shape leaves null too.
  const nulls = { pool: 'unknown', sender: null, tickLower: null, tickUpper: null, tick: null, sqrtPriceX96: null, price1Per0: null, usdValue: null };
  // A production "PositionEvent" row: stamped with its stamp window's middle (1000), not its block's time (1234).
  const productionRow = (over: Record<string, unknown>) => ({
    ...nulls,
    pool: 'unknown',
    owner: null,
    recipient: null,
    metadata: null,
    timestamp: 1000,
    blockTime: 1234,
    ...over,
  });

  it('an INCREASE with its mint transfer in the transaction is the MINT, owned by the transfer recipient, at its block time', () => {
    const record = toPositionEventRecord(
      productionRow({
        id: `${mintTx}:5`,
        tokenId: '17',
        blockNumber: 88,
        txHash: mintTx,
        logIndex: 5,
        eventType: 'INCREASE',
        liquidityDelta: '5000',
        amount0: '10',
        amount1: '20',
        mintOwner: owner,
        mintManager: manager,
      }),
    );
    expect(record).toEqual({
      ...nulls,
      id: `${mintTx}:5`,
      tokenId: '17',
      blockNumber: 88,
      txHash: mintTx,
      logIndex: 5,
      timestamp: 1234,
      eventType: 'MINT',
      owner,
      recipient: null,
      liquidityDelta: '5000',
      amount0: '10',
      amount1: '20',
      metadata: `{"positionManager":"${manager}"}`,
    });
    expect(positionEventProblem(record)).toBeUndefined();
  });

  it('an INCREASE without a mint transfer stays an INCREASE with no owner', () => {
    const record = toPositionEventRecord(
      productionRow({
        id: `${mintTx}:9`,
        tokenId: '17',
        blockNumber: 90,
        txHash: mintTx,
        logIndex: 9,
        eventType: 'INCREASE',
        liquidityDelta: '7',
        amount0: '1',
        amount1: '0',
        mintOwner: null,
      }),
    );
    expect(record).toEqual({
      ...nulls,
      id: `${mintTx}:9`,
      tokenId: '17',
      blockNumber: 90,
      txHash: mintTx,
      logIndex: 9,
      timestamp: 1234,
      eventType: 'INCREASE',
      owner: null,
      recipient: null,
      liquidityDelta: '7',
      amount0: '1',
      amount1: '0',
      metadata: null,
    });
  });

  it("a DECREASE's positive delta gets the full shape's minus sign; a negative one stays", () => {
    const row = { id: `${mintTx}:3`, tokenId: '17', blockNumber: 95, txHash: mintTx, logIndex: 3, eventType: 'DECREASE', amount0: '4', amount1: '5' };
    const record = toPositionEventRecord(productionRow({ ...row, liquidityDelta: '2500' }));
    expect(record).toEqual({
      ...nulls,
      ...row,
      timestamp: 1234,
      owner: null,
      recipient: null,
      liquidityDelta: '-2500',
      metadata: null,
    });
    expect(toPositionEventRecord(productionRow({ ...row, liquidityDelta: '-2500' })).liquidityDelta).toBe('-2500');
    expect(toPositionEventRecord(productionRow({ ...row, liquidityDelta: '0' })).liquidityDelta).toBe('0');
  });

  it('a COLLECT keeps its recipient and amounts, at its block time', () => {
    const record = toPositionEventRecord(
      productionRow({
        id: `${mintTx}:4`,
        tokenId: '17',
        blockNumber: 96,
        txHash: mintTx,
        logIndex: 4,
        eventType: 'COLLECT',
        recipient: owner,
        amount0: '4',
        amount1: '5',
        liquidityDelta: null,
        blockTime: 1300,
      }),
    );
    expect(record).toEqual({
      ...nulls,
      id: `${mintTx}:4`,
      tokenId: '17',
      blockNumber: 96,
      txHash: mintTx,
      logIndex: 4,
      timestamp: 1300,
      eventType: 'COLLECT',
      owner: null,
      recipient: owner,
      liquidityDelta: null,
      amount0: '4',
      amount1: '5',
      metadata: null,
    });
  });

  it('a burn transfer (replay_burn) is the BURN row: owner = the transfer sender, no amounts', () => {
    const record = toPositionEventRecord({
      id: `${mintTx}:7`,
      tokenId: '17',
      pool: 'unknown',
      blockNumber: 97,
      txHash: mintTx,
      logIndex: 7,
      eventType: 'BURN',
      sender: null,
      owner,
      recipient: null,
      liquidityDelta: null,
      amount0: null,
      amount1: null,
      metadata: null,
      burnManager: manager,
      blockTime: 1310,
      mintOwner: null,
    });
    expect(record).toEqual({
      ...nulls,
      id: `${mintTx}:7`,
      tokenId: '17',
      blockNumber: 97,
      txHash: mintTx,
      logIndex: 7,
      timestamp: 1310,
      eventType: 'BURN',
      owner,
      recipient: null,
      liquidityDelta: null,
      amount0: null,
      amount1: null,
      metadata: `{"positionManager":"${manager}"}`,
    });
    expect(positionEventProblem(record)).toBeUndefined();
  });

  it("full-shape rows pass unchanged apart from the block time; the row's own metadata wins", () => {
    const metadata = { positionManager: manager, dex: 'enosys' };
    const record = toPositionEventRecord(
      productionRow({
        id: `${mintTx}:5`,
        tokenId: '17',
        blockNumber: 88,
        txHash: mintTx,
        logIndex: 5,
        eventType: 'MINT',
        owner,
        liquidityDelta: '5',
        amount0: '1',
        amount1: '1',
        metadata,
        timestamp: 1234,
        mintOwner: null,
      }),
    );
    expect(record).toMatchObject({ eventType: 'MINT', owner, liquidityDelta: '5', timestamp: 1234, metadata: JSON.stringify(metadata) });
    expect(
      toPositionEventRecord(
        productionRow({
          id: `${mintTx}:6`,
          tokenId: '17',
          blockNumber: 88,
          txHash: mintTx,
          logIndex: 6,
          eventType: 'DECREASE',
          liquidityDelta: '-5',
          amount0: '1',
          amount1: '1',
        }),
      ).liquidityDelta,
    ).toBe('-5');
  });

  it('a row whose block has no time is rejected by the input screen, never sent with its own timestamp', () => {
    const record = toPositionEventRecord(
      productionRow({
        id: `${mintTx}:4`,
        tokenId: '17',
        blockNumber: 96,
        txHash: mintTx,
        logIndex: 4,
        eventType: 'COLLECT',
        amount0: '4',
        amount1: '5',
        blockTime: null,
      }),
    );
    expect(record.timestamp).toBe(-1);
    expect(positionEventProblem(record)).toBe(`PositionEvent ${mintTx}:4: timestamp -1 is not a non-negative integer`);
    const pool = toPoolEventRecord({
      id: `${mintTx}:2`,
      pool: '0x' + '11'.repeat(20),
      blockNumber: 3,
      txHash: mintTx,
      logIndex: 2,
      timestamp: 999_999,
      eventName: 'Swap',
      blockTime: 77,
    });
    expect(pool.timestamp).toBe(77);
  });
});
