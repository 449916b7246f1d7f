import { poolStateFromRow, type PoolStateRow } from './pool-state';

const row: PoolStateRow = {
  pool: '0xp',
  id: '0xt:4',
  eventName: 'Swap',
  blockNumber: 10,
  logIndex: 4,
  sqrtPriceX96: '79228162514264337593543950336',
  tick: 0,
  liquidity: '123',
};

describe('poolStateFromRow', () => {
  it('reads a Swap: price, tick, in-range liquidity and where it came from', () => {
    expect(poolStateFromRow(row)).toEqual({
      pool: '0xp',
      sqrtPriceX96: 2n ** 96n,
      tick: 0,
      liquidity: 123n,
      source: { id: '0xt:4', eventName: 'Swap', blockNumber: 10, logIndex: 4 },
    });
  });

  it('an Initialize has no liquidity; neither has a Swap row whose liquidity is missing or unreadable', () => {
    expect(poolStateFromRow({ ...row, eventName: 'Initialize', liquidity: null }).liquidity).toBeNull();
    expect(poolStateFromRow({ ...row, liquidity: null }).liquidity).toBeNull();
    expect(poolStateFromRow({ ...row, liquidity: '-5' }).liquidity).toBeNull();
  });

  it('refuses other events', () => {
    expect(() => poolStateFromRow({ ...row, eventName: 'Mint' })).toThrow(/not a Swap or Initialize/);
  });
});
