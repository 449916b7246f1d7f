import type { Pool } from 'pg';
import { PoolDirectoryRepository } from './pool-directory.repository';

/** A stand-in for pg that answers the "Pool" query with the rows given, and counts queries. */
function fakeDb(rows: () => object[]) {
  let queries = 0;
  const db = {
    query: async () => {
      queries++;
      if (queries === 1) throw new Error('connection refused');
      return { rows: rows() };
    },
  } as unknown as Pool;
  return { db, queries: () => queries };
}

describe('PoolDirectoryRepository', () => {
  it('reads "Pool" once per max age, and again after a failed read', async () => {
    let now = 0;
    const pools = [{ address: '0xp1', token0: '0xa', token1: '0xb', decimals0: 18, decimals1: 6 }];
    const { db, queries } = fakeDb(() => pools);
    const repository = new PoolDirectoryRepository(db, { maxAgeMs: 1000, now: () => now });

    await expect(repository.directory()).rejects.toThrow('connection refused');
    expect((await repository.directory()).size).toBe(1);
    now = 999;
    pools.push({ address: '0xp2', token0: '0xa', token1: '0xc', decimals0: 18, decimals1: 18 });
    expect((await repository.directory()).size).toBe(1);
    expect(queries()).toBe(2);
    now = 1000;
    expect((await repository.directory()).size).toBe(2);
    expect(queries()).toBe(3);
  });
});
