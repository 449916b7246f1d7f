import { poolIncentiveRow, poolIncentiveUpsert } from './pool-incentive-row';

const POOL = '0xAbCd00000000000000000000000000000000000A';
const RFLR = '0x26d460c3Cf931Fb2014FA436a49e3Af08619810e';
const record = {
  pool: POOL,
  dex: 'enosys',
  rewardToken: RFLR,
  rewardTokenSymbol: 'rFLR',
  rewardPerDay: '1000.5',
  rewardUsdPerDay: 21.31,
  programName: 'rFLR incentives',
  startDate: '2025-01-01',
};

describe('poolIncentiveRow', () => {
  it('maps a record, dates as UTC wall time, active without an end', () => {
    expect(poolIncentiveRow(record, new Date('2025-06-01T00:00:00Z'))).toEqual({
      poolAddress: POOL.toLowerCase(),
      dex: 'enosys',
      rewardToken: RFLR.toLowerCase(),
      rewardTokenSymbol: 'rFLR',
      rewardPerDay: '1000.5',
      rewardUsdPerDay: '21.31',
      programName: 'rFLR incentives',
      startDate: '2025-01-01 00:00:00.000',
      endDate: null,
      isActive: true,
    });
  });

  it('is inactive after its end unless told otherwise', () => {
    const ended = { ...record, endDate: '2025-02-01T00:00:00Z' };
    expect(poolIncentiveRow(ended, new Date('2025-06-01T00:00:00Z'))).toMatchObject({ endDate: '2025-02-01 00:00:00.000', isActive: false });
    expect(poolIncentiveRow({ ...ended, isActive: true }, new Date('2025-06-01T00:00:00Z')).isActive).toBe(true);
  });

  it('writes a missing USD figure, reward symbol or programme name as NULL (production has such rows), never a guess', () => {
    const { rewardUsdPerDay: _usd, rewardTokenSymbol: _symbol, programName: _name, ...rest } = record;
    expect(poolIncentiveRow(rest, new Date())).toMatchObject({ rewardUsdPerDay: null, rewardTokenSymbol: null, programName: null });
    expect(() => poolIncentiveRow({ ...record, rewardUsdPerDay: 'n/a' }, new Date())).toThrow(/rewardUsdPerDay/);
  });

  it('stamps "createdAt" and "updatedAt" (no default in production); a changed row gets a new "updatedAt" only', () => {
    const spec = poolIncentiveUpsert([poolIncentiveRow(record, new Date())], new Date('2025-06-01T12:34:56.789Z'));
    expect(spec.rows[0]).toMatchObject({ createdAt: '2025-06-01 12:34:56.789', updatedAt: '2025-06-01 12:34:56.789' });
    expect(spec.columns).toEqual(expect.arrayContaining(['createdAt', 'updatedAt']));
    expect(spec.update).not.toContain('createdAt');
    expect(spec.touch).toEqual(['updatedAt']);
  });
});
