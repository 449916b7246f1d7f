import { stepFromArgs } from './step-argument';

describe('stepFromArgs', () => {
  it('reads --step, --step= and ENRICH_STEP, the flag first', () => {
    expect(stepFromArgs(['--step', 'apr'], undefined).name).toBe('apr');
    expect(stepFromArgs(['--step=fees-usd'], undefined).name).toBe('fees-usd');
    expect(stepFromArgs([], 'range-status').name).toBe('range-status');
    expect(stepFromArgs(['--step', 'apr'], 'range-status').name).toBe('apr');
  });
  it('refuses a missing or unknown step with the list of steps', () => {
    expect(() => stepFromArgs([], undefined)).toThrow(/--step <name>/);
    expect(() => stepFromArgs(['--step', 'x'], undefined)).toThrow(/known steps/);
  });
});
