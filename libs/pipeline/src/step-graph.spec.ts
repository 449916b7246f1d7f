import { STEPS, TOPICS, findStep, upstreamOf } from './step-graph';

describe('step graph', () => {
  it('declares the ten steps once, each with its own consumer group', () => {
    expect(STEPS).toHaveLength(10);
    expect(new Set(STEPS.map((s) => s.name)).size).toBe(10);
    expect(new Set(STEPS.map((s) => s.group)).size).toBe(10);
  });

  it('feeds steps that need the pool from the attributed stream', () => {
    expect(upstreamOf(findStep('fees-usd'))?.name).toBe('pool-attribution');
    expect(upstreamOf(findStep('pool-attribution'))).toBeUndefined();
    expect(findStep('pool-volume').input).toBe('poolEvents');
    expect(TOPICS[findStep('pool-volume').input]).toBe('lp.pool-events.v1');
  });

  it('names the known steps when asked for an unknown one', () => {
    expect(() => findStep('nope')).toThrow(/known steps: pool-attribution/);
  });
});
