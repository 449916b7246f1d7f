import { ReplayRetryWindow } from './replay-retry';

describe('ReplayRetryWindow', () => {
  it('counts retries and gives up once failing for the whole window', () => {
    const w = new ReplayRetryWindow(60_000);
    expect(w.failed(1_000)).toEqual({ attempt: 1, giveUp: false });
    expect(w.failed(30_000)).toEqual({ attempt: 2, giveUp: false });
    expect(w.failed(61_000)).toEqual({ attempt: 3, giveUp: true });
  });

  it('starts afresh after the run made progress between failures', () => {
    const w = new ReplayRetryWindow(60_000);
    w.sawRows(100);
    w.failed(1_000);
    w.failed(50_000);
    w.sawRows(100); // reloaded, nothing new: still the same outage
    expect(w.failed(55_000)).toEqual({ attempt: 3, giveUp: false });
    w.sawRows(120);
    expect(w.failed(70_000)).toEqual({ attempt: 1, giveUp: false });
    expect(w.failed(129_999)).toEqual({ attempt: 2, giveUp: false });
    expect(w.failed(130_000)).toEqual({ attempt: 3, giveUp: true });
  });
});
