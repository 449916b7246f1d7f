import { parseBenchOptions, parseStepList } from './options';

const STEPS = ['pool-attribution', 'fees-usd', 'range-status', 'pool-volume'];

describe('parseStepList', () => {
  it('defaults to every implemented step', () => {
    expect(parseStepList(undefined, STEPS)).toEqual(STEPS);
  });

  it("keeps the step graph's order and each step once", () => {
    expect(parseStepList('pool-volume, fees-usd,pool-volume', STEPS)).toEqual(['fees-usd', 'pool-volume']);
  });

  it('refuses an unknown step and an empty list', () => {
    expect(() => parseStepList('fees-usd,apr', STEPS)).toThrow(/unknown or unimplemented step\(s\) apr; known: pool-attribution/);
    expect(() => parseStepList(' , ', STEPS)).toThrow(/at least one step/);
  });
});

describe('parseBenchOptions', () => {
  it('has the documented defaults', () => {
    const o = parseBenchOptions([], STEPS);
    expect(o).toEqual({
      help: false,
      dataset: 'scenario',
      scenario: { positions: 1500, swaps: 20000, perBlock: 200, days: 3, seed: 1 },
      scale: { events: 1_000_000, seed: 1 },
      replayPageSize: 5000,
      steps: STEPS,
      baselines: true,
      scaling: true,
      endToEnd: false,
      rounds: 2,
      sequentialPageSize: 5000,
      keep: false,
    });
  });

  it('reads the switches and numbers', () => {
    const o = parseBenchOptions(
      ['--steps', 'range-status', '--skip-baselines', '--skip-scaling', '--end-to-end', '--positions', '600', '--rounds', '1'],
      STEPS,
    );
    expect(o).toMatchObject({ steps: ['range-status'], baselines: false, scaling: false, endToEnd: true, rounds: 1, scenario: { positions: 600 } });
  });

  it('reads the scale dataset with its event count and the shared seed', () => {
    expect(parseBenchOptions(['--dataset', 'scale'], STEPS)).toMatchObject({ dataset: 'scale', scale: { events: 1_000_000, seed: 1 } });
    expect(parseBenchOptions(['--dataset', 'scale', '--events', '20000', '--seed', '7'], STEPS)).toMatchObject({
      dataset: 'scale',
      scale: { events: 20000, seed: 7 },
    });
  });

  it("refuses the other dataset's generator flags", () => {
    expect(() => parseBenchOptions(['--dataset', 'scale', '--swaps', '10'], STEPS)).toThrow(/--swaps applies to --dataset scenario, not scale/);
    expect(() => parseBenchOptions(['--events', '10'], STEPS)).toThrow(/--events applies to --dataset scale/);
    expect(() => parseBenchOptions(['--dataset', 'scale', '--events', '0'], STEPS)).toThrow(/--events must be an integer ≥ 1/);
  });

  it('refuses an unknown dataset, a bad number and an unknown option', () => {
    expect(() => parseBenchOptions(['--dataset', 'mainnet'], STEPS)).toThrow(/unknown dataset "mainnet"; known: scenario, scale/);
    expect(() => parseBenchOptions(['--rounds', '0'], STEPS)).toThrow(/--rounds must be an integer ≥ 1/);
    expect(() => parseBenchOptions(['--swaps', '1e3x'], STEPS)).toThrow(/--swaps/);
    expect(() => parseBenchOptions(['--fast'], STEPS)).toThrow(/--fast/);
  });
});
