import { addDecimals, dailyRunTimes, rollingIncentiveSnapshots } from './incentive-snapshots';
import type { PoolIncentiveRow } from './pool-incentive-row';

const POOL_A = '0x000000000000000000000000000000000000000a';
const POOL_B = '0x000000000000000000000000000000000000000b';
const RFLR = '0x00000000000000000000000000000000000000f1';

const programme = (over: Partial<PoolIncentiveRow>): PoolIncentiveRow => ({
  poolAddress: POOL_A,
  dex: 'enosys',
  rewardToken: RFLR,
  rewardTokenSymbol: 'rFLR',
  rewardPerDay: '1000.000000000000000000',
  rewardUsdPerDay: '21.300000000000000000',
  programName: 'Enosys rFLR WFLR/USDT0',
  startDate: '2025-01-01 00:00:00.000',
  endDate: null,
  isActive: true,
  ...over,
});

const snapshot = (over: Partial<PoolIncentiveRow>): PoolIncentiveRow => ({
  poolAddress: POOL_A,
  dex: 'enosys',
  rewardToken: RFLR,
  rewardTokenSymbol: 'rFLR',
  rewardPerDay: '1000.000000000000000000',
  rewardUsdPerDay: '21.300000000000000000',
  programName: null,
  startDate: '',
  endDate: null,
  isActive: true,
  ...over,
});

describe('rollingIncentiveSnapshots', () => {
  it('writes one row per run of a running programme: start = run − 7 days, no end, active, no name', () => {
    const runs = [new Date('2025-01-10T06:00:00Z'), new Date('2025-01-11T06:00:00Z')];
    expect(rollingIncentiveSnapshots([programme({})], runs)).toEqual([
      snapshot({ startDate: '2025-01-03 06:00:00.000' }),
      snapshot({ startDate: '2025-01-04 06:00:00.000' }),
    ]);
  });

  it('writes nothing for a programme before its start or from its end on', () => {
    const ended = programme({ poolAddress: POOL_B, startDate: '2025-01-05 00:00:00.000', endDate: '2025-01-11 06:00:00.000', isActive: false });
    const runs = dailyRunTimes(Date.parse('2025-01-04T06:00:00Z') / 1000, Date.parse('2025-01-11T06:00:00Z') / 1000);
    expect(rollingIncentiveSnapshots([ended], runs).map((r) => r.startDate)).toEqual([
      '2024-12-29 06:00:00.000',
      '2024-12-30 06:00:00.000',
      '2024-12-31 06:00:00.000',
      '2025-01-01 06:00:00.000',
      '2025-01-02 06:00:00.000',
      '2025-01-03 06:00:00.000',
    ]);
  });

  it('adds up the programmes of one pool and token; an unknown USD figure makes the sum unknown', () => {
    const second = programme({ rewardPerDay: '0.5', rewardUsdPerDay: null, programName: 'another' });
    expect(rollingIncentiveSnapshots([programme({}), second, programme({ poolAddress: POOL_B })], [new Date('2025-02-01T00:00:00Z')])).toEqual([
      snapshot({ rewardPerDay: '1000.500000000000000000', rewardUsdPerDay: null, startDate: '2025-01-25 00:00:00.000' }),
      snapshot({ poolAddress: POOL_B, startDate: '2025-01-25 00:00:00.000' }),
    ]);
  });
});

describe('addDecimals', () => {
  it.each([
    [['1', '2.5'], '3.500000000000000000'],
    [['0.000000000000000001', '0.000000000000000002'], '0.000000000000000003'],
    [['-1.5', '1'], '-0.500000000000000000'],
    [['1e3'], '1000.000000000000000000'],
  ])('%p → %s', (values, sum) => {
    expect(addDecimals(values)).toBe(sum);
  });
});

describe('dailyRunTimes', () => {
  it('steps a day at a time from the first second, the last included when it falls on a step', () => {
    expect(dailyRunTimes(0, 2 * 86_400).map((d) => d.getTime() / 1000)).toEqual([0, 86_400, 172_800]);
    expect(dailyRunTimes(0, 86_399)).toHaveLength(1);
  });
});
