import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const mid = () => 0.5; // no jitter at the midpoint
  it('doubles from the base up to the ceiling', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, { baseMs: 100, maxMs: 500 }, mid))).toEqual([100, 200, 400, 500]);
  });
  it('stays within the jitter band', () => {
    expect(backoffDelay(1, { baseMs: 1000, jitter: 0.2 }, () => 0)).toBe(800);
    expect(backoffDelay(1, { baseMs: 1000, jitter: 0.2 }, () => 0.999999)).toBe(1200);
  });
});
