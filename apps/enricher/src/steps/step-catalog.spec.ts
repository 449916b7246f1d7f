import { STEPS } from '@lib/pipeline';
import { STEP_CATALOG } from '.';

describe('STEP_CATALOG', () => {
  it('has exactly the steps of the step graph', () => {
    expect(Object.keys(STEP_CATALOG).sort()).toEqual(STEPS.map((s) => s.name).sort());
  });

  it('gives an output schema to exactly the steps the graph gives an output topic', () => {
    for (const s of STEPS) expect([s.name, STEP_CATALOG[s.name]?.outputSchema !== undefined]).toEqual([s.name, s.output !== undefined]);
  });

  it('names each definition class after its step', () => {
    const pascal = (name: string) => name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
    for (const [name, entry] of Object.entries(STEP_CATALOG)) expect(entry.step.name).toBe(`${pascal(name)}Step`);
  });
});
