import { createRng } from './rng';
import { resolveScenarioOptions } from './scenario-options';
import { mintAndBurnCount, planActivity, spreadTimestamps } from './scenario-plan';

describe('planActivity', () => {
  const options = resolveScenarioOptions({ positions: 40, swaps: 400, days: 3, seed: 9, perBlock: 12 }, 11);

  it('is the same for the same seed', () => {
    expect(planActivity(options, 11, 1000, createRng(9))).toEqual(planActivity(options, 11, 1000, createRng(9)));
    expect(planActivity(options, 11, 1000, createRng(9))).not.toEqual(planActivity(options, 11, 1000, createRng(10)));
  });

  it('plans every action once, bootstrap first, within the block size', () => {
    const plan = planActivity(options, 11, 1000, createRng(9));
    const all = plan.blocks.flatMap((b) => b.actions);
    const count = (kind: string) => all.filter((k) => k === kind).length;
    expect(count('bootstrap')).toBe(11);
    expect(count('mint') + count('mint-and-burn') + count('bootstrap')).toBe(40);
    expect(count('swap')).toBe(400);
    expect(count('lp')).toBe(options.lpActions);
    expect(plan.blocks[0].actions.every((k) => k === 'bootstrap')).toBe(true);
    expect(plan.blocks.every((b) => b.actions.length >= 1 && b.actions.length <= 12)).toBe(true);
  });

  it('spreads strictly increasing timestamps over the days', () => {
    const plan = planActivity(options, 11, 1000, createRng(9));
    const ts = plan.blocks.map((b) => b.timestamp);
    expect(ts.every((t, i) => i === 0 || t > ts[i - 1])).toBe(true);
    expect(ts[0]).toBeGreaterThanOrEqual(1000);
    expect(ts[ts.length - 1]).toBeLessThan(1000 + 3 * 86_400);
    expect(ts[ts.length - 1]).toBeGreaterThan(1000 + 2.9 * 86_400);
  });

  it('keeps timestamps increasing when blocks outnumber seconds', () => {
    const ts = spreadTimestamps(0, 10, 50, createRng(1));
    expect(new Set(ts).size).toBe(50);
  });

  it('plans at least one mint-and-burn', () => {
    expect(mintAndBurnCount(12, 11)).toBe(1);
    expect(mintAndBurnCount(2000, 11)).toBe(40);
  });

  it('refuses options the chain cannot hold', () => {
    expect(() => resolveScenarioOptions({ positions: 5 }, 11)).toThrow(RangeError);
    expect(() => resolveScenarioOptions({ perBlock: 501 }, 11)).toThrow(RangeError);
    expect(() => resolveScenarioOptions({ days: 0 }, 11)).toThrow(RangeError);
  });
});
