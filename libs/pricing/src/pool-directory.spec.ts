import { PoolDirectory } from './pool-directory';

const T = '0x00000000000000000000000000000000000000aa';
const U = '0x00000000000000000000000000000000000000bb';
const V = '0x00000000000000000000000000000000000000cc';

describe('PoolDirectory', () => {
  const directory = new PoolDirectory([
    { address: '0x00000000000000000000000000000000000000f2', token0: T, token1: V, decimals0: null, decimals1: 6 },
    { address: '0x00000000000000000000000000000000000000E1', token0: T.toUpperCase().replace('0X', '0x'), token1: U, decimals0: 18, decimals1: null },
  ]);

  it('finds pools by address and by token, lowercase, by address ascending', () => {
    expect(directory.size).toBe(2);
    expect(directory.pool('0x00000000000000000000000000000000000000e1')?.token0).toBe(T);
    expect(directory.poolsOfToken(T.toUpperCase().replace('0X', '0x')).map((p) => p.address)).toEqual([
      '0x00000000000000000000000000000000000000e1',
      '0x00000000000000000000000000000000000000f2',
    ]);
    expect(directory.poolsOfToken(U).map((p) => p.address)).toEqual(['0x00000000000000000000000000000000000000e1']);
    expect(directory.poolsOfToken('0x0000000000000000000000000000000000000001')).toEqual([]);
  });

  it("takes a token's decimals from any row that knows them, and never defaults them", () => {
    expect(directory.decimalsOf(T)).toEqual({ ok: true, decimals: 18 }); // NULL in one row, 18 in the other
    expect(directory.decimalsOf(V)).toEqual({ ok: true, decimals: 6 });
    expect(directory.decimalsOf(U)).toEqual({ ok: false, reason: `decimals of ${U} unknown` });
    expect(directory.decimalsOf('0x0000000000000000000000000000000000000001')).toEqual({
      ok: false,
      reason: 'decimals of 0x0000000000000000000000000000000000000001 unknown',
    });
  });

  it('refuses decimals the rows disagree on, or that no ERC-20 can have', () => {
    const odd = new PoolDirectory([
      { address: '0x01', token0: T, token1: U, decimals0: 18, decimals1: 256 },
      { address: '0x02', token0: T, token1: V, decimals0: 6, decimals1: -1 },
    ]);
    expect(odd.decimalsOf(T)).toEqual({ ok: false, reason: `decimals of ${T} unknown ("Pool" rows disagree: 6, 18)` });
    expect(odd.decimalsOf(U).ok).toBe(false);
    expect(odd.decimalsOf(V).ok).toBe(false);
  });
});
