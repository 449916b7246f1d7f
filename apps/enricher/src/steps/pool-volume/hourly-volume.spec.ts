import { factRange, hourlyVolumes, hourOf, hoursAffectedBy, HOUR_SECONDS, type SwapFact } from './hourly-volume';

const H = HOUR_SECONDS;
/** 2026-01-01T00:00Z */
const JAN1 = Date.UTC(2026, 0, 1) / 1000;
const at = (hoursAfterJan1: number) => JAN1 + hoursAfterJan1 * H;
const swap = (hour: number, volume: bigint, fees = volume / 100n): SwapFact => ({ hourStart: at(hour), volumeUsd: volume, feesUsd: fees });

describe('hours of swaps', () => {
  it('are UTC hours', () => {
    expect(hourOf(JAN1 + 3599)).toBe(JAN1);
    expect(hourOf(JAN1 + 3600)).toBe(JAN1 + H);
  });

  it('affect their own hour and the 23 after it, once each', () => {
    const hours = hoursAffectedBy([at(22), at(23), at(23) + 59]);
    expect(hours[0]).toBe(at(22));
    expect(hours[hours.length - 1]).toBe(at(23 + 23));
    expect(hours).toHaveLength(25);
    expect(factRange(hours)).toEqual({ fromHour: at(22 - 23), toHour: at(46) });
  });
});

describe('hourly and rolling 24h volume', () => {
  it('rolls across a day boundary: the window of 01:00 on Jan 2 reaches back to 02:00 on Jan 1', () => {
    // swaps at Jan 1 01:00, Jan 1 02:00 (two), Jan 1 23:00, Jan 2 01:00
    const facts = [swap(1, 100n), swap(2, 10n), swap(2, 20n), swap(23, 5n), swap(25, 1000n)];
    const [h23, h24, h25, h26] = hourlyVolumes(facts, [at(23), at(24), at(25), at(26)]);
    // 23:00 Jan 1: the whole day so far
    expect(h23).toEqual({ hourStart: at(23), volumeUsd: 5n, volume24hUsd: 135n, feesUsd: 0n, fees24hUsd: 1n, swaps: 1, swaps24h: 4 });
    // 00:00 Jan 2 (empty hour): window 01:00 Jan 1 … 00:00 Jan 2 still has all four
    expect(h24).toMatchObject({ volumeUsd: 0n, volume24hUsd: 135n, swaps: 0, swaps24h: 4 });
    // 01:00 Jan 2: 01:00 Jan 1 has left the window, its own swap came in
    expect(h25).toMatchObject({ volumeUsd: 1000n, volume24hUsd: 1035n, feesUsd: 10n, swaps: 1, swaps24h: 4 });
    // 02:00 Jan 2: 02:00 Jan 1 has left too
    expect(h26).toMatchObject({ volumeUsd: 0n, volume24hUsd: 1005n, swaps24h: 2 });
  });

  it('gives zero rows to hours whose window is empty, and the same rows in any fact order', () => {
    const facts = [swap(0, 7n), swap(0, 8n), swap(30, 1n)];
    const rows = hourlyVolumes(facts, [at(23), at(24), at(29), at(30)]);
    expect(rows.map((r) => [r.volume24hUsd, r.swaps24h])).toEqual([
      [15n, 2],
      [0n, 0],
      [0n, 0],
      [1n, 1],
    ]);
    expect(hourlyVolumes([...facts].reverse(), [at(23), at(24), at(29), at(30)])).toEqual(rows);
  });

  it('has the 24h figure equal to the sum of the 24 hourly figures', () => {
    const facts = Array.from({ length: 60 }, (_, i) => swap(i % 37, BigInt(i * 13 + 1)));
    const hours = hoursAffectedBy(facts.map((f) => f.hourStart));
    const rows = hourlyVolumes(
      facts,
      hours.map((h) => h),
    );
    const allHours = hourlyVolumes(
      facts,
      Array.from({ length: 120 }, (_, i) => at(i - 30)),
    );
    const byHour = new Map(allHours.map((r) => [r.hourStart, r.volumeUsd]));
    for (const r of rows) {
      let sum = 0n;
      for (let k = 0; k < 24; k++) sum += byHour.get(r.hourStart - k * H) ?? 0n;
      expect(r.volume24hUsd).toBe(sum);
    }
  });
});
