import { STEPS } from './step-graph';
import { STEP_RESULTS, stepOutputs, stepResults } from './step-results';

describe('step results', () => {
  it('lists the tables of every step of the graph, and of no other', () => {
    expect(Object.keys(STEP_RESULTS).sort()).toEqual(STEPS.map((s) => s.name).sort());
    for (const s of STEPS) expect(stepResults(s.name).tables.length).toBeGreaterThan(0);
  });

  it('gives each table to one step only', () => {
    const tables = Object.values(STEP_RESULTS).flatMap((r) => r.tables);
    expect(new Set(tables).size).toBe(tables.length);
  });

  it('names the step that has no entry', () => {
    expect(() => stepResults('nope')).toThrow(/step nope/);
  });
});

describe('stepOutputs', () => {
  it('adds the source columns a step fills to its tables', () => {
    expect(stepOutputs('pool-attribution')).toEqual(['position_registry', 'attributed_event', { table: 'PositionEvent', columns: ['id', 'pool'] }]);
    expect(stepOutputs('apr')).toEqual(['pool_apr_daily']);
  });
});
