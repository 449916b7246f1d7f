import { DAY_SECONDS, dayEndsIn } from './day-ends';

describe('dayEndsIn', () => {
  const day = (k: number) => k * DAY_SECONDS;

  it('lists every midnight after the first time and up to the second, inclusive', () => {
    expect(dayEndsIn(day(10) + 5, day(13) + 1)).toEqual([day(11), day(12), day(13)]);
  });

  it('an event at exactly midnight ends the day before it but is not in it', () => {
    expect(dayEndsIn(day(10), day(11))).toEqual([day(11)]);
    expect(dayEndsIn(day(11), day(11) + 100)).toEqual([]);
  });

  it('nothing within one day or for an empty interval', () => {
    expect(dayEndsIn(day(3) + 1, day(3) + 500)).toEqual([]);
    expect(dayEndsIn(day(5), day(4))).toEqual([]);
  });
});
