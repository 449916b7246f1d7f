import { stepFromArgs } from './step-argument';

describe('stepFromArgs', () => {
  it('reads --step, --step= and ENRICH_STEP, the flag first', () => {
    expect(stepFromArgs(['--step', 'apr'], {}).name).toBe('apr');
    expect(stepFromArgs(['--step=fees-usd'], {}).name).toBe('fees-usd');
    expect(stepFromArgs([], { ENRICH_STEP: 'range-status' }).name).toBe('range-status');
    expect(stepFromArgs(['--step', 'apr'], { ENRICH_STEP: 'range-status' }).name).toBe('apr');
  });
  it('refuses a missing or unknown step with the list of steps', () => {
    expect(() => stepFromArgs([], {})).toThrow(/--step <name>/);
    expect(() => stepFromArgs(['--step', 'x'], {})).toThrow(/known steps/);
  });
});
