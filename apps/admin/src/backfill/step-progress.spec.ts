import { stepProgress } from './step-progress';

describe('stepProgress', () => {
  it('sums committed and end offsets from the run start, per partition', () => {
    const p = stepProgress({ '0': '10', '1': '0' }, { '0': '20', '1': '5' }, { '0': '15', '1': '5' });
    expect(p).toEqual({ committed: 10, end: 15, lag: 5 });
  });

  it('counts a partition the group never committed as at its start', () => {
    expect(stepProgress({ '0': '3' }, { '0': '7' }, { '0': '-1' })).toEqual({ committed: 0, end: 4, lag: 4 });
    expect(stepProgress({}, { '0': '7' }, {})).toEqual({ committed: 0, end: 7, lag: 7 });
  });

  it('never reports more than the run holds, nor less than its start', () => {
    // A group committed past the run's end (a later run's records) or before its start (an earlier run).
    expect(stepProgress({ '0': '10' }, { '0': '20' }, { '0': '25' })).toEqual({ committed: 10, end: 10, lag: 0 });
    expect(stepProgress({ '0': '10' }, { '0': '20' }, { '0': '4' })).toEqual({ committed: 0, end: 10, lag: 10 });
  });
});
