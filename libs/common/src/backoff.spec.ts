import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const opts = { baseDelayMs: 100, maxDelayMs: 500, factor: 2 };
  it('grows by the factor from the base up to the ceiling (no jitter at 0.5)', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, opts, 0.5))).toEqual([100, 200, 400, 500]);
  });
  it('spreads callers apart by up to ±50%', () => {
    expect(backoffDelay(1, { ...opts, maxDelayMs: 10_000 }, 0)).toBe(50);
    expect(backoffDelay(1, { ...opts, maxDelayMs: 10_000 }, 0.99)).toBe(149);
  });
});
