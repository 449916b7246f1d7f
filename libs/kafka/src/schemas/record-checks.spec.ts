import type { AttributedPositionEventRecord, PoolEventRecord, PositionEventRecord } from '.';
import { attributedPositionEventProblem, poolEventProblem, positionEventProblem } from './record-checks';

const tx = '0x' + 'ab'.repeat(32);
const increase: PositionEventRecord = {
  id: `${tx}:3`,
  tokenId: '7',
  pool: 'unknown',
  blockNumber: 10,
  txHash: tx,
  logIndex: 3,
  timestamp: 1_700_000_000,
  eventType: 'INCREASE',
  sender: null,
  owner: null,
  recipient: null,
  tickLower: null,
  tickUpper: null,
  tick: null,
  liquidityDelta: '1000',
  amount0: '5',
  amount1: '0',
  sqrtPriceX96: null,
  price1Per0: null,
  usdValue: null,
  metadata: null,
};
const attributed: AttributedPositionEventRecord = {
  ...increase,
  pool: '0x' + '11'.repeat(20),
  positionManager: '0x' + '22'.repeat(20),
  dex: 'enosys',
  token0: '0x' + '33'.repeat(20),
  token1: '0x' + '44'.repeat(20),
  fee: 3000,
  positionTickLower: -60,
  positionTickUpper: 60,
};
const swap: PoolEventRecord = {
  id: `${tx}:4`,
  pool: '0x' + '11'.repeat(20),
  blockNumber: 10,
  txHash: tx,
  logIndex: 4,
  timestamp: 1_700_000_000,
  eventName: 'Swap',
  sender: null,
  owner: null,
  recipient: null,
  tickLower: null,
  tickUpper: null,
  amount: null,
  amount0: '-5',
  amount1: '9',
  sqrtPriceX96: (1n << 96n).toString(),
  liquidity: '123',
  tick: 0,
};

describe('record checks: impossible values on the input topics', () => {
  it('accepts the events the indexer writes', () => {
    expect(positionEventProblem(increase)).toBeUndefined();
    expect(positionEventProblem({ ...increase, eventType: 'DECREASE', liquidityDelta: '-1000' })).toBeUndefined();
    expect(positionEventProblem({ ...increase, eventType: 'COLLECT', liquidityDelta: null })).toBeUndefined();
    expect(positionEventProblem({ ...increase, eventType: 'BURN', liquidityDelta: null, amount0: null, amount1: null })).toBeUndefined();
    expect(attributedPositionEventProblem(attributed)).toBeUndefined();
    expect(poolEventProblem(swap)).toBeUndefined();
    expect(poolEventProblem({ ...swap, eventName: 'Initialize', amount0: null, amount1: null, liquidity: null })).toBeUndefined();
    expect(
      poolEventProblem({ ...swap, eventName: 'Burn', amount: '7', amount0: '1', amount1: '2', sqrtPriceX96: null, liquidity: null, tick: null }),
    ).toBeUndefined();
  });

  it('names the record and the value that is impossible', () => {
    expect(positionEventProblem({ ...increase, liquidityDelta: '-1' })).toBe(`PositionEvent ${increase.id}: liquidityDelta -1 is negative`);
    expect(positionEventProblem({ ...increase, amount0: '12.5' })).toMatch(/amount0 "12.5" is not an integer/);
    expect(positionEventProblem({ ...increase, amount1: '1e18' })).toMatch(/amount1 "1e18" is not an integer/);
    expect(positionEventProblem({ ...increase, tick: 887273 })).toMatch(/tick 887273 is outside/);
    expect(positionEventProblem({ ...increase, tickLower: 60, tickUpper: -60 })).toMatch(/tickLower 60 is not below tickUpper -60/);
    expect(positionEventProblem({ ...increase, liquidityDelta: (1n << 128n).toString() })).toMatch(/liquidityDelta \d+ is out of range/);
    expect(positionEventProblem({ ...increase, amount0: '9'.repeat(100) })).toMatch(/amount0 "9+" is not an integer/);
    expect(positionEventProblem({ ...increase, sqrtPriceX96: '1' })).toMatch(/sqrtPriceX96 1 is outside/);
    expect(positionEventProblem({ ...increase, tokenId: 'abc' })).toMatch(/tokenId "abc"/);
    expect(positionEventProblem({ ...increase, txHash: '0x12' })).toMatch(/txHash "0x12"/);
    expect(positionEventProblem({ ...increase, blockNumber: -1 })).toMatch(/blockNumber -1/);
    expect(positionEventProblem({ ...increase, eventType: 'MELT' })).toMatch(/eventType "MELT"/);
  });

  it('requires the amounts and liquidity every event of a type has', () => {
    expect(positionEventProblem({ ...increase, amount0: null })).toBe(`PositionEvent ${increase.id}: amount0 missing, which every INCREASE has`);
    expect(positionEventProblem({ ...increase, eventType: 'MINT', liquidityDelta: null })).toMatch(/liquidityDelta missing, which every MINT has/);
    expect(positionEventProblem({ ...increase, eventType: 'COLLECT', amount1: null })).toMatch(/amount1 missing, which every COLLECT has/);
    expect(poolEventProblem({ ...swap, amount0: null })).toMatch(/amount0 missing, which every Swap has/);
    expect(poolEventProblem({ ...swap, eventName: 'Mint', amount: null, amount0: '1', amount1: '1' })).toMatch(/amount missing, which every Mint has/);
  });

  it('checks what attribution added to a position event', () => {
    expect(attributedPositionEventProblem({ ...attributed, token1: 'unknown' })).toMatch(/token1 "unknown" is not an address/);
    expect(attributedPositionEventProblem({ ...attributed, fee: -1 })).toMatch(/fee -1/);
    expect(attributedPositionEventProblem({ ...attributed, positionTickUpper: 900_000 })).toMatch(/positionTickUpper 900000 is outside/);
    expect(attributedPositionEventProblem({ ...attributed, amount0: 'x' })).toMatch(/amount0 "x" is not an integer/);
  });

  it('rejects pool events no pool can log', () => {
    expect(poolEventProblem({ ...swap, liquidity: '-1' })).toBe(`PoolEvent ${swap.id}: liquidity -1 is negative`);
    expect(poolEventProblem({ ...swap, tick: -887273 })).toMatch(/tick -887273 is outside/);
    expect(poolEventProblem({ ...swap, eventName: 'Collect', amount0: '-5' })).toMatch(/amount0 -5 is negative/);
    expect(poolEventProblem({ ...swap, eventName: '' })).toMatch(/eventName is missing/);
    expect(poolEventProblem({ ...swap, pool: 'unknown' })).toMatch(/pool "unknown" is not an address/);
  });
});
