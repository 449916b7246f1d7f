import { leftOutLine, selectStepsFor } from './dataset-coverage';

const ALL = ['pool-attribution', 'fees-usd', 'unclaimed-fees', 'position-snapshots', 'pool-volume'];

describe('selectStepsFor', () => {
  it('keeps every selected step on the scenario', () => {
    const s = selectStepsFor('scenario', ALL);
    expect(s).toMatchObject({ steps: ALL, leftOut: [] });
    expect(leftOutLine('scenario', s)).toBeUndefined();
  });

  it('leaves out the chain-reading steps on the scale dataset, in order, and says why in one line', () => {
    const s = selectStepsFor('scale', ALL);
    expect(s.steps).toEqual(['pool-attribution', 'fees-usd', 'pool-volume']);
    expect(s.leftOut).toEqual(['unclaimed-fees', 'position-snapshots']);
    const line = leftOutLine('scale', s)!;
    expect(line).toMatch(/^--dataset scale: left out unclaimed-fees, position-snapshots \(of --steps and of end-to-end\): they read chain state/);
    expect(line).not.toContain('\n');
  });

  it('prints nothing when the selection has none of them', () => {
    const s = selectStepsFor('scale', ['fees-usd']);
    expect(s).toMatchObject({ steps: ['fees-usd'], leftOut: [] });
    expect(leftOutLine('scale', s)).toBeUndefined();
  });
});
